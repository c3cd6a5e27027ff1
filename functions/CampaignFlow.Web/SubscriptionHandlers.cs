using System.Text.Json;
using CampaignFlow.Classification;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Web;

/// <summary>
/// The public HTTP endpoints, shared by the Functions app and the local host: subscribe (double opt-in, honeypot,
/// per-IP and per-address limits), confirm, preferences, unsubscribe (GET page; RFC 8058 one-click POST) and the
/// signed SendGrid event webhook. Pages work without JavaScript; every value on them is escaped; no address is logged.
/// Pages speak the subscriber's language (<see cref="PageText"/>): their stored one behind a token, else
/// <see cref="PageLanguage"/>. Topics and regions are checkboxes of what the active rule set assigns, with its labels.
/// </summary>
public sealed class SubscriptionHandlers(
    ISubscriberStore store,
    TokenService tokens,
    AlertComposer links,
    IEmailSender sender,
    IOptions<EmailOptions> email,
    SendGridEventVerifier verifier,
    SendingGate gate,
    IRateLimiter limiter,
    IRuleSetProvider rules,
    TimeProvider clock,
    IPipelineTelemetry telemetry,
    ILogger<SubscriptionHandlers> logger)
{
    public const string ConfirmPurpose = "confirm";
    public const string Honeypot = "website";
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromHours(48);
    public const int PerIpPerHour = 10;
    public const int PerAddressPerDay = 3;
    private static readonly string[] SuppressingEvents = ["bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe"];

    /// <summary>The sign-up form, in <c>?lang=</c>, else the browser's language, else English.</summary>
    public async Task<IResult> SubscribeFormAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var text = PageText.For(PageLanguage.Of(request));
        var blank = Subscriber.Create("x@example.org") with { Language = text.Language };
        return HtmlPage.Render(text, text.SubscribeTitle, Form(text, (await RulesAsync(cancellationToken)).Taxonomy, "subscribe", null, blank, withEmail: true));
    }

    public async Task<IResult> SubscribeAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var fields = await FieldsAsync(request, cancellationToken);
        // The language the visitor chose on the form (it starts as the form's own), else the request's.
        var text = Text(request, fields?.GetValueOrDefault("language")?.FirstOrDefault());
        if (fields is null)
        {
            return Answer(request, text, 400, text.Unreadable);
        }
        if (!string.IsNullOrEmpty(fields.GetValueOrDefault(Honeypot)?.FirstOrDefault()))
        {
            // A bot filled the hidden field: answer as if it worked, do nothing.
            logger.LogInformation("Sign-up ignored: honeypot filled");
            return Answer(request, text, 202, text.CheckInbox);
        }
        if (!await limiter.TryAcquireAsync("ip:" + ClientIp(request), PerIpPerHour, TimeSpan.FromHours(1), cancellationToken))
        {
            return Answer(request, text, 429, text.TooManyFromNetwork);
        }
        if (!EmailAddress.TryNormalize(fields.GetValueOrDefault("email")?.FirstOrDefault(), out var address))
        {
            return Answer(request, text, 400, text.InvalidEmail);
        }
        var id = EmailAddress.Key(address);
        if (!await limiter.TryAcquireAsync("address:" + id, PerAddressPerDay, TimeSpan.FromDays(1), cancellationToken))
        {
            return Answer(request, text, 429, text.AlreadySentToday);
        }
        var existing = await store.GetAsync(id, cancellationToken);
        if (existing?.Status is SubscriberStatus.Suppressed)
        {
            // Never mail an address that bounced or complained; answer the same way so the list is not revealed.
            return Answer(request, text, 202, text.CheckInbox);
        }
        if (existing?.Status is not SubscriberStatus.Active)
        {
            var chosen = await ApplyAsync(fields, Subscriber.Create(address), cancellationToken);
            await store.UpsertAsync(chosen with { Status = SubscriberStatus.Pending, ConsentSource = "web form, awaiting confirmation" }, cancellationToken);
        }
        await SendConfirmationAsync(address, id, Languages.Normalize(fields.GetValueOrDefault("language")?.FirstOrDefault()), cancellationToken);
        logger.LogInformation("Sign-up {SubscriberId}: confirmation sent", id);
        return Answer(request, text, 202, text.CheckInbox);
    }

    public async Task<IResult> ConfirmPageAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var token = request.Query["token"].FirstOrDefault();
        var id = tokens.Validate(ConfirmPurpose, token);
        if (id is null)
        {
            var fallback = Text(request);
            return HtmlPage.Message(fallback, fallback.LinkNotValidTitle, fallback.ConfirmLinkNotValid, 400);
        }
        var text = Text(request, (await store.GetAsync(id, cancellationToken))?.Language);
        return HtmlPage.Render(text, text.ConfirmTitle, PostButton("confirm", token!, text.ConfirmButton));
    }

    public async Task<IResult> ConfirmAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var id = tokens.Validate(ConfirmPurpose, await TokenAsync(request, cancellationToken));
        var subscriber = id is null ? null : await store.GetAsync(id, cancellationToken);
        if (subscriber is null || subscriber.Status is SubscriberStatus.Suppressed)
        {
            var fallback = Text(request);
            return HtmlPage.Message(fallback, fallback.LinkNotValidTitle, fallback.ConfirmLinkNotValid, 400);
        }
        if (subscriber.Status != SubscriberStatus.Active)
        {
            await store.UpsertAsync(subscriber with
            {
                Status = SubscriberStatus.Active,
                StatusReason = null,
                ConsentAt = clock.GetUtcNow(),
                ConsentSource = "web form, double opt-in confirmed by email link",
            }, cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} confirmed", subscriber.Id);
        }
        var text = PageText.For(subscriber.Language);
        return HtmlPage.Render(text, text.SubscribedTitle,
            $"<p>{HtmlPage.Encode(text.Subscribed)}</p><p><a href=\"{HtmlPage.Encode(links.PreferencesUrl(subscriber.Id))}\">{HtmlPage.Encode(text.ChoosePreferences)}</a></p>");
    }

    public async Task<IResult> PreferencesPageAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var token = request.Query["token"].FirstOrDefault();
        var subscriber = await ByTokenAsync(AlertComposer.PreferencesPurpose, token, cancellationToken);
        if (subscriber is null)
        {
            var fallback = Text(request);
            return HtmlPage.Message(fallback, fallback.LinkNotValidTitle, fallback.PreferencesLinkNotValid, 400);
        }
        var text = PageText.For(subscriber.Language);
        return HtmlPage.Render(text, text.PreferencesTitle, Form(text, (await RulesAsync(cancellationToken)).Taxonomy, "preferences", token, subscriber, withEmail: false));
    }

    public async Task<IResult> PreferencesAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var fields = await FieldsAsync(request, cancellationToken);
        var token = fields?.GetValueOrDefault("token")?.FirstOrDefault() ?? request.Query["token"].FirstOrDefault();
        var subscriber = await ByTokenAsync(AlertComposer.PreferencesPurpose, token, cancellationToken);
        if (subscriber is null || fields is null)
        {
            var fallback = Text(request);
            return HtmlPage.Message(fallback, fallback.LinkNotValidTitle, fallback.LinkNotValid, 400);
        }
        var saved = await ApplyAsync(fields, subscriber, cancellationToken);
        await store.UpsertAsync(saved, cancellationToken);
        logger.LogInformation("Subscriber {SubscriberId} changed preferences", subscriber.Id);
        // In the language just chosen: that is the one the subscriber reads from now on.
        var text = PageText.For(saved.Language);
        return HtmlPage.Message(text, text.SavedTitle, text.Saved);
    }

    public async Task<IResult> UnsubscribePageAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var token = request.Query["token"].FirstOrDefault();
        var id = tokens.Validate(AlertComposer.UnsubscribePurpose, token);
        if (id is null)
        {
            var fallback = Text(request);
            return HtmlPage.Message(fallback, fallback.LinkNotValidTitle, fallback.UnsubscribeLinkNotValid, 400);
        }
        var text = Text(request, (await store.GetAsync(id, cancellationToken))?.Language);
        return HtmlPage.Render(text, text.UnsubscribeTitle, $"<p>{HtmlPage.Encode(text.UnsubscribeQuestion)}</p>"
            + $"<form method=\"post\" action=\"unsubscribe?token={HtmlPage.Encode(Uri.EscapeDataString(token!))}\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\">{HtmlPage.Encode(text.UnsubscribeButton)}</button></form>");
    }

    /// <summary>RFC 8058: a POST with <c>List-Unsubscribe=One-Click</c> and a valid token unsubscribes at once.</summary>
    public async Task<IResult> UnsubscribeAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var id = tokens.Validate(AlertComposer.UnsubscribePurpose, request.Query["token"].FirstOrDefault());
        var fields = await FieldsAsync(request, cancellationToken);
        if (id is null || fields?.GetValueOrDefault("List-Unsubscribe")?.FirstOrDefault() != "One-Click")
        {
            var fallback = Text(request);
            return HtmlPage.Message(fallback, fallback.LinkNotValidTitle, fallback.UnsubscribeRequestNotValid, 400);
        }
        var subscriber = await store.GetAsync(id, cancellationToken);
        if (subscriber is not null && subscriber.Status is SubscriberStatus.Active or SubscriberStatus.Pending)
        {
            await store.UpsertAsync(subscriber with { Status = SubscriberStatus.Unsubscribed, StatusReason = "one-click unsubscribe" }, cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} unsubscribed", id);
        }
        var text = Text(request, subscriber?.Language);
        return HtmlPage.Message(text, text.UnsubscribedTitle, text.Unsubscribed);
    }

    /// <summary>The SendGrid Event Webhook: verified, then bounces, drops, complaints and unsubscribes suppress the address.</summary>
    public async Task<IResult> SendGridEventsAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (verifier.Check(request.Headers[SendGridEventVerifier.SignatureHeader], request.Headers[SendGridEventVerifier.TimestampHeader], body) is { } refusal)
        {
            logger.LogWarning("SendGrid event webhook refused: {Reason}", refusal);
            return Results.Unauthorized();
        }
        List<SendGridEvent>? events;
        try
        {
            events = JsonSerializer.Deserialize<List<SendGridEvent>>(body);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        int suppressed = 0, spam = 0;
        foreach (var e in events ?? [])
        {
            if (e.Event is null || !SuppressingEvents.Contains(e.Event) || !EmailAddress.TryNormalize(e.Email, out var address))
            {
                continue;
            }
            spam += e.Event == "spamreport" ? 1 : 0;
            var subscriber = await store.GetAsync(EmailAddress.Key(address), cancellationToken);
            if (subscriber is not null && subscriber.Status != SubscriberStatus.Suppressed)
            {
                await store.UpsertAsync(subscriber with { Status = SubscriberStatus.Suppressed, StatusReason = e.Event }, cancellationToken);
                suppressed++;
            }
        }
        await gate.RecordSpamReportsAsync(spam, cancellationToken);
        telemetry.Track(PipelineEvents.SendGridEvents, null, new Dictionary<string, object?> { ["events"] = events?.Count ?? 0, ["suppressed"] = suppressed, ["spamreports"] = spam });
        return Results.Ok();
    }

    private async Task SendConfirmationAsync(string address, string id, string language, CancellationToken cancellationToken)
    {
        var link = $"{email.Value.PublicBaseUrl.TrimEnd('/')}/api/confirm?token={Uri.EscapeDataString(tokens.Create(ConfirmPurpose, id, ConfirmLifetime))}";
        // Only our own text and the signed link: nothing the visitor typed goes into this mail.
        await sender.SendAsync(await links.ComposeConfirmationAsync(address, id, language, link, cancellationToken), cancellationToken);
    }

    private async Task<Subscriber?> ByTokenAsync(string purpose, string? token, CancellationToken cancellationToken)
    {
        var id = tokens.Validate(purpose, token);
        var subscriber = id is null ? null : await store.GetAsync(id, cancellationToken);
        return subscriber?.Status is SubscriberStatus.Active ? subscriber : null;
    }

    /// <summary>The active rule set: what subscribers can choose from and how it is named.</summary>
    private async Task<CompiledRuleSet> RulesAsync(CancellationToken cancellationToken)
    {
        await rules.ReadyAsync(cancellationToken);
        return rules.Current;
    }

    /// <summary>
    /// The submitted choices on top of <paramref name="subscriber"/>. Topics and regions come as repeated fields
    /// (checkboxes), comma- or semicolon-separated text, or JSON arrays or strings; a field that is present but empty
    /// means everything, an absent one leaves the choice as it was. Ids the active rule set does not assign are dropped.
    /// </summary>
    private async Task<Subscriber> ApplyAsync(Dictionary<string, string[]> fields, Subscriber subscriber, CancellationToken cancellationToken)
    {
        var ruleSet = await RulesAsync(cancellationToken);
        var dropped = 0;
        IReadOnlyList<string> Chosen(string name, IReadOnlyList<string> known)
        {
            var sent = (fields.GetValueOrDefault(name) ?? [])
                .SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(v => v.Length <= 64).Select(v => v.ToLowerInvariant()).Distinct().ToList();
            dropped += sent.Count(v => !known.Contains(v));
            // In the rule set's order, so checkboxes, a comma list and JSON store the same list whatever order they came in.
            return [.. known.Where(sent.Contains)];
        }
        var language = fields.GetValueOrDefault("language")?.FirstOrDefault();
        var cadence = fields.GetValueOrDefault("cadence")?.FirstOrDefault();
        var name = fields.GetValueOrDefault("name")?.FirstOrDefault()?.Trim();
        var updated = subscriber with
        {
            Name = string.IsNullOrEmpty(name) ? subscriber.Name : name[..Math.Min(name.Length, 100)],
            Language = language is null ? subscriber.Language : Languages.Normalize(language),
            Topics = fields.ContainsKey("topics") ? Chosen("topics", ruleSet.Taxonomy.Topics) : subscriber.Topics,
            Regions = fields.ContainsKey("regions") ? Chosen("regions", ruleSet.Taxonomy.Regions) : subscriber.Regions,
            Cadence = cadence is null ? subscriber.Cadence : cadence.StartsWith("daily", StringComparison.OrdinalIgnoreCase) ? Cadence.DailyDigest : Cadence.Instant,
        };
        if (dropped > 0)
        {
            logger.LogInformation("Dropped {Count} topic or region ids that rule set {RuleSetVersion} does not assign for {SubscriberId}", dropped, ruleSet.Version, subscriber.Id);
        }
        return updated;
    }

    /// <summary>Form fields from a urlencoded/multipart form or a flat JSON object; null when unreadable.</summary>
    private static async Task<Dictionary<string, string[]>?> FieldsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                return form.ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase);
            }
            if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                return doc.RootElement.EnumerateObject().ToDictionary(
                    p => p.Name,
                    p => p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(v => v.ToString()).ToArray() : [p.Value.ToString()],
                    StringComparer.OrdinalIgnoreCase);
            }
            return new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static async Task<string?> TokenAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.Query["token"].FirstOrDefault() ?? (await FieldsAsync(request, cancellationToken))?.GetValueOrDefault("token")?.FirstOrDefault();

    /// <summary>
    /// The last <c>X-Forwarded-For</c> entry: the one Azure's front end appended. Earlier entries are whatever the
    /// client sent, so a bot could rotate them to slip past the per-IP limit.
    /// </summary>
    private static string ClientIp(HttpRequest request) =>
        string.Join(',', request.Headers["X-Forwarded-For"].ToArray()).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault() is { } forwarded
            ? forwarded
            : request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The texts in <paramref name="language"/> when it is one of ours, else in the request's (<see cref="PageLanguage"/>).</summary>
    private static PageText Text(HttpRequest request, string? language = null) =>
        PageText.For(Languages.IsSupported(language) ? language : PageLanguage.Of(request));

    private static IResult Answer(HttpRequest request, PageText text, int status, string message) =>
        request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
            ? Results.Json(new { message }, statusCode: status)
            : HtmlPage.Message(text, status < 300 ? text.ThankYouTitle : text.SorryTitle, message, status);

    private static string PostButton(string action, string token, string label) =>
        $"<form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"token\" value=\"{HtmlPage.Encode(token)}\"><button type=\"submit\">{HtmlPage.Encode(label)}</button></form>";

    private static string Form(PageText t, RuleSetTaxonomy taxonomy, string action, string? token, Subscriber current, bool withEmail)
    {
        static string Option(string value, string label, string selected) =>
            $"<option value=\"{value}\"{(value == selected ? " selected" : "")}>{HtmlPage.Encode(label)}</option>";
        string Choices(string name, string legend, IReadOnlyList<string> ids, IReadOnlyList<string> chosen, Func<string, string?, string> label) =>
            $"<fieldset aria-describedby=\"choices-hint\"><legend>{HtmlPage.Encode(legend)}</legend>"
            // Why: with no box ticked a browser sends no field at all; this empty one says "none ticked", i.e. everything.
            + $"<input type=\"hidden\" name=\"{name}\" value=\"\">"
            + string.Concat(ids.Select(id =>
                $"<label><input type=\"checkbox\" name=\"{name}\" value=\"{HtmlPage.Encode(id)}\"{(chosen.Contains(id, StringComparer.OrdinalIgnoreCase) ? " checked" : "")}> {HtmlPage.Encode(label(id, t.Language))}</label>"))
            + "</fieldset>";
        var cadence = current.Cadence == Cadence.Instant ? "instant" : "daily";
        return $"<form method=\"post\" action=\"{action}\">"
            + (token is null ? "" : $"<input type=\"hidden\" name=\"token\" value=\"{HtmlPage.Encode(token)}\">")
            + (withEmail ? $"<label for=\"email\">{HtmlPage.Encode(t.EmailLabel)}</label><input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\">" : "")
            + $"<label for=\"name\">{HtmlPage.Encode(t.NameLabel)}</label><input id=\"name\" name=\"name\" value=\"{HtmlPage.Encode(withEmail ? "" : current.Name)}\" autocomplete=\"name\">"
            + $"<label for=\"language\">{HtmlPage.Encode(t.LanguageLabel)}</label><select id=\"language\" name=\"language\">"
            + Option("en", "English", current.Language) + Option("no", "Norsk", current.Language) + Option("fr", "Français", current.Language) + Option("es", "Español", current.Language) + "</select>"
            + $"<p class=\"hint\" id=\"choices-hint\">{HtmlPage.Encode(t.NoneTickedMeansAll)}</p>"
            + Choices("topics", t.TopicsLegend, taxonomy.Topics, current.Topics, taxonomy.TopicLabel)
            + Choices("regions", t.RegionsLegend, taxonomy.Regions, current.Regions, taxonomy.RegionLabel)
            + $"<label for=\"cadence\">{HtmlPage.Encode(t.CadenceLabel)}</label><select id=\"cadence\" name=\"cadence\">"
            + Option("instant", t.Instant, cadence) + Option("daily", t.Daily, cadence) + "</select>"
            + (withEmail ? $"<div class=\"hp\" aria-hidden=\"true\"><label for=\"{Honeypot}\">{HtmlPage.Encode(t.HoneypotLabel)}</label><input id=\"{Honeypot}\" name=\"{Honeypot}\" tabindex=\"-1\" autocomplete=\"off\"></div>" : "")
            + $"<button type=\"submit\">{HtmlPage.Encode(t.SaveButton)}</button></form>";
    }
}
