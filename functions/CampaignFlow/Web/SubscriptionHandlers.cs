using System.Text.Json;
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

    public IResult SubscribeForm() => HtmlPage.Render("Subscribe to news alerts", Form("subscribe", null, Subscriber.Create("x@example.org"), withEmail: true));

    public async Task<IResult> SubscribeAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var fields = await FieldsAsync(request, cancellationToken);
        if (fields is null)
        {
            return Answer(request, 400, "The request could not be read.");
        }
        if (!string.IsNullOrEmpty(fields.GetValueOrDefault(Honeypot)?.FirstOrDefault()))
        {
            // A bot filled the hidden field: answer as if it worked, do nothing.
            logger.LogInformation("Sign-up ignored: honeypot filled");
            return Answer(request, 202, "Thank you. Please check your inbox to confirm.");
        }
        if (!await limiter.TryAcquireAsync("ip:" + ClientIp(request), PerIpPerHour, TimeSpan.FromHours(1), cancellationToken))
        {
            return Answer(request, 429, "Too many sign-ups from your network. Please try again later.");
        }
        if (!EmailAddress.TryNormalize(fields.GetValueOrDefault("email")?.FirstOrDefault(), out var address))
        {
            return Answer(request, 400, "Please enter a valid email address.");
        }
        var id = EmailAddress.Key(address);
        if (!await limiter.TryAcquireAsync("address:" + id, PerAddressPerDay, TimeSpan.FromDays(1), cancellationToken))
        {
            return Answer(request, 429, "We already sent confirmation messages to this address today. Please check your inbox.");
        }
        var existing = await store.GetAsync(id, cancellationToken);
        if (existing?.Status is SubscriberStatus.Suppressed)
        {
            // Never mail an address that bounced or complained; answer the same way so the list is not revealed.
            return Answer(request, 202, "Thank you. Please check your inbox to confirm.");
        }
        if (existing?.Status is not SubscriberStatus.Active)
        {
            await store.UpsertAsync(Apply(fields, Subscriber.Create(address)) with { Status = SubscriberStatus.Pending, ConsentSource = "web form, awaiting confirmation" }, cancellationToken);
        }
        await SendConfirmationAsync(address, id, Languages.Normalize(fields.GetValueOrDefault("language")?.FirstOrDefault()), cancellationToken);
        logger.LogInformation("Sign-up {SubscriberId}: confirmation sent", id);
        return Answer(request, 202, "Thank you. Please check your inbox to confirm.");
    }

    public IResult ConfirmPage(string? token) =>
        tokens.Validate(ConfirmPurpose, token) is null
            ? HtmlPage.Message("Link not valid", "This confirmation link is not valid or has expired. Please sign up again.", 400)
            : HtmlPage.Render("Confirm your subscription", PostButton("confirm", token!, "Confirm"));

    public async Task<IResult> ConfirmAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var id = tokens.Validate(ConfirmPurpose, await TokenAsync(request, cancellationToken));
        var subscriber = id is null ? null : await store.GetAsync(id, cancellationToken);
        if (subscriber is null || subscriber.Status is SubscriberStatus.Suppressed)
        {
            return HtmlPage.Message("Link not valid", "This confirmation link is not valid or has expired. Please sign up again.", 400);
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
        return HtmlPage.Render("Subscribed", $"<p>Thank you: your alerts are on.</p><p><a href=\"{HtmlPage.Encode(links.PreferencesUrl(subscriber.Id))}\">Choose topics, regions, language or cadence</a></p>");
    }

    public async Task<IResult> PreferencesPageAsync(string? token, CancellationToken cancellationToken = default)
    {
        var subscriber = await ByTokenAsync(AlertComposer.PreferencesPurpose, token, cancellationToken);
        return subscriber is null
            ? HtmlPage.Message("Link not valid", "This link is not valid or has expired. The preferences link in any recent alert works.", 400)
            : HtmlPage.Render("Your alert preferences", Form("preferences", token, subscriber, withEmail: false));
    }

    public async Task<IResult> PreferencesAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var fields = await FieldsAsync(request, cancellationToken);
        var token = fields?.GetValueOrDefault("token")?.FirstOrDefault() ?? request.Query["token"].FirstOrDefault();
        var subscriber = await ByTokenAsync(AlertComposer.PreferencesPurpose, token, cancellationToken);
        if (subscriber is null || fields is null)
        {
            return HtmlPage.Message("Link not valid", "This link is not valid or has expired.", 400);
        }
        await store.UpsertAsync(Apply(fields, subscriber), cancellationToken);
        logger.LogInformation("Subscriber {SubscriberId} changed preferences", subscriber.Id);
        return HtmlPage.Message("Saved", "Your preferences are saved.");
    }

    public IResult UnsubscribePage(string? token) =>
        tokens.Validate(AlertComposer.UnsubscribePurpose, token) is null
            ? HtmlPage.Message("Link not valid", "This unsubscribe link is not valid.", 400)
            : HtmlPage.Render("Unsubscribe", "<p>Stop all Cluster Munition Coalition news alerts to this address?</p>"
                + $"<form method=\"post\" action=\"unsubscribe?token={HtmlPage.Encode(Uri.EscapeDataString(token!))}\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>");

    /// <summary>RFC 8058: a POST with <c>List-Unsubscribe=One-Click</c> and a valid token unsubscribes at once.</summary>
    public async Task<IResult> UnsubscribeAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var id = tokens.Validate(AlertComposer.UnsubscribePurpose, request.Query["token"].FirstOrDefault());
        var fields = await FieldsAsync(request, cancellationToken);
        if (id is null || fields?.GetValueOrDefault("List-Unsubscribe")?.FirstOrDefault() != "One-Click")
        {
            return HtmlPage.Message("Link not valid", "This unsubscribe request is not valid.", 400);
        }
        var subscriber = await store.GetAsync(id, cancellationToken);
        if (subscriber is not null && subscriber.Status is SubscriberStatus.Active or SubscriberStatus.Pending)
        {
            await store.UpsertAsync(subscriber with { Status = SubscriberStatus.Unsubscribed, StatusReason = "one-click unsubscribe" }, cancellationToken);
            logger.LogInformation("Subscriber {SubscriberId} unsubscribed", id);
        }
        return HtmlPage.Message("Unsubscribed", "You will receive no more alerts. Thank you for your support.");
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
        telemetry.Track("sendgrid.events", null, new Dictionary<string, object?> { ["events"] = events?.Count ?? 0, ["suppressed"] = suppressed, ["spamreports"] = spam });
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

    private static Subscriber Apply(Dictionary<string, string[]> fields, Subscriber subscriber)
    {
        string[] List(string name) => (fields.GetValueOrDefault(name) ?? [])
            .SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => v.ToLowerInvariant()).Where(v => v.Length <= 64).Distinct().Take(50).ToArray();
        var language = fields.GetValueOrDefault("language")?.FirstOrDefault();
        var cadence = fields.GetValueOrDefault("cadence")?.FirstOrDefault();
        var name = fields.GetValueOrDefault("name")?.FirstOrDefault()?.Trim();
        return subscriber with
        {
            Name = string.IsNullOrEmpty(name) ? subscriber.Name : name[..Math.Min(name.Length, 100)],
            Language = language is null ? subscriber.Language : Languages.Normalize(language),
            Topics = fields.ContainsKey("topics") ? List("topics") : subscriber.Topics,
            Regions = fields.ContainsKey("regions") ? List("regions") : subscriber.Regions,
            Cadence = cadence is null ? subscriber.Cadence : cadence.StartsWith("daily", StringComparison.OrdinalIgnoreCase) ? Cadence.DailyDigest : Cadence.Instant,
        };
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

    private static IResult Answer(HttpRequest request, int status, string message) =>
        request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
            ? Results.Json(new { message }, statusCode: status)
            : HtmlPage.Message(status < 300 ? "Thank you" : "Sorry", message, status);

    private static string PostButton(string action, string token, string label) =>
        $"<form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"token\" value=\"{HtmlPage.Encode(token)}\"><button type=\"submit\">{HtmlPage.Encode(label)}</button></form>";

    private static string Form(string action, string? token, Subscriber current, bool withEmail)
    {
        static string Option(string value, string label, string selected) =>
            $"<option value=\"{value}\"{(value == selected ? " selected" : "")}>{label}</option>";
        return $"<form method=\"post\" action=\"{action}\">"
            + (token is null ? "" : $"<input type=\"hidden\" name=\"token\" value=\"{HtmlPage.Encode(token)}\">")
            + (withEmail ? "<label for=\"email\">Email address</label><input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\">" : "")
            + $"<label for=\"name\">Name (optional)</label><input id=\"name\" name=\"name\" value=\"{HtmlPage.Encode(withEmail ? "" : current.Name)}\" autocomplete=\"name\">"
            + "<label for=\"language\">Language</label><select id=\"language\" name=\"language\">"
            + Option("en", "English", current.Language) + Option("no", "Norsk", current.Language) + Option("fr", "Français", current.Language) + Option("es", "Español", current.Language) + "</select>"
            + $"<label for=\"topics\">Topics (comma-separated; empty for all)</label><input id=\"topics\" name=\"topics\" value=\"{HtmlPage.Encode(string.Join(", ", current.Topics))}\">"
            + $"<label for=\"regions\">Regions (comma-separated; empty for all)</label><input id=\"regions\" name=\"regions\" value=\"{HtmlPage.Encode(string.Join(", ", current.Regions))}\">"
            + "<label for=\"cadence\">How often</label><select id=\"cadence\" name=\"cadence\">"
            + Option("instant", "Each story as it comes", current.Cadence == Cadence.Instant ? "instant" : "daily") + Option("daily", "A daily digest", current.Cadence == Cadence.Instant ? "instant" : "daily") + "</select>"
            + (withEmail ? $"<div class=\"hp\" aria-hidden=\"true\"><label for=\"{Honeypot}\">Leave this empty</label><input id=\"{Honeypot}\" name=\"{Honeypot}\" tabindex=\"-1\" autocomplete=\"off\"></div>" : "")
            + "<button type=\"submit\">Save</button></form>";
    }
}
