using CampaignFlow.Subscribers;
using CampaignFlow.Web.Pages;
using CampaignFlow.Web.Subscriptions;
using CampaignFlow.Web.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Web.Http;

/// <summary>
/// The thin HTTP adapter both hosts call: reads the request into typed values, calls the use case, and answers with a
/// Razor page (or JSON, for a JSON sign-up) in the right language. No rule lives here.
/// </summary>
public sealed class SubscriptionHttp(
    SignUpService signUps,
    ConfirmationService confirmations,
    PreferenceService preferences,
    FreshLinkService freshLinks,
    ProviderEventService providerEvents,
    ChoiceApplier choices,
    IOptions<SendGridWebhookOptions> webhook)
{
    /// <summary>The sign-up form, in <c>?lang=</c>, else the browser's language, else English.</summary>
    public async Task<IResult> SubscribeFormAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var text = PageText.For(PageLanguage.Of(request));
        var blank = Subscriber.Create("x@example.org") with { Language = text.Language };
        return Page<SignUpPage>(new { Text = text, Taxonomy = await choices.TaxonomyAsync(cancellationToken), Current = blank });
    }

    public async Task<IResult> SubscribeAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var fields = await FormFields.ReadAsync(request, cancellationToken);
        var text = Text(request, fields?["language"]);
        if (fields is null)
        {
            return Answer(request, text, StatusCodes.Status400BadRequest, text.Unreadable);
        }
        var outcome = await signUps.SubscribeAsync(fields.SignUp(), ClientNetwork.Of(request.HttpContext), cancellationToken);
        return outcome.Result switch
        {
            SignUpResult.Accepted => Answer(request, text, StatusCodes.Status202Accepted, text.CheckInbox),
            SignUpResult.InvalidEmail when !IsJson(request) => await SignUpAgainAsync(fields, text, "email", text.InvalidEmail, cancellationToken),
            SignUpResult.NameTooLong when !IsJson(request) => await SignUpAgainAsync(fields, text, "name", text.NameTooLong, cancellationToken),
            SignUpResult.InvalidEmail => Answer(request, text, StatusCodes.Status400BadRequest, text.InvalidEmail),
            SignUpResult.NameTooLong => Answer(request, text, StatusCodes.Status400BadRequest, text.NameTooLong),
            SignUpResult.TooManyFromNetwork => Answer(request, text, StatusCodes.Status429TooManyRequests, text.TooManyFromNetwork),
            SignUpResult.TooManyForAddress => Answer(request, text, StatusCodes.Status429TooManyRequests, text.AlreadySentToday),
            _ => Answer(request, text, StatusCodes.Status503ServiceUnavailable, text.TryAgainLater),
        };
    }

    public async Task<IResult> ConfirmPageAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var token = request.Query["token"].FirstOrDefault();
        var outcome = await confirmations.OpenAsync(token, cancellationToken);
        if (outcome.Result is ConfirmResult.Invalid)
        {
            return InvalidLink(request, t => t.ConfirmLinkNotValid);
        }
        var text = Text(request, outcome.Language);
        return Page<ButtonPage>(new { Text = text, Title = text.ConfirmTitle, Action = "confirm", Fields = Hidden(("token", token!)), Button = text.ConfirmButton });
    }

    public async Task<IResult> ConfirmAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var token = request.Query["token"].FirstOrDefault() ?? (await FormFields.ReadAsync(request, cancellationToken))?["token"];
        var outcome = await confirmations.ConfirmAsync(token, cancellationToken);
        if (outcome.Result is not ConfirmResult.Confirmed)
        {
            return InvalidLink(request, t => t.ConfirmLinkNotValid);
        }
        var text = PageText.For(outcome.Language);
        return Page<MessagePage>(new { Text = text, Title = text.SubscribedTitle, Message = text.Subscribed, LinkUrl = outcome.PreferencesUrl, LinkText = text.ChoosePreferences });
    }

    public async Task<IResult> PreferencesPageAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var token = request.Query["token"].FirstOrDefault();
        var view = await preferences.OpenAsync(token, cancellationToken);
        if (view.Unsubscribed)
        {
            var left = PageText.For(view.Subscriber!.Language);
            return Page<MessagePage>(new { Text = left, Title = left.PreferencesTitle, Message = left.PreferencesAfterUnsubscribe, LinkUrl = SubscribeUrl(left), LinkText = left.SubscribeAgain });
        }
        if (!view.Valid)
        {
            return InvalidLink(request, t => t.PreferencesLinkNotValid);
        }
        return Page<PreferencesPage>(new { Text = PageText.For(view.Subscriber!.Language), Taxonomy = view.Taxonomy!, Current = view.Subscriber, Token = token!, UnsubscribeUrl = UnsubscribeUrl(view) });
    }

    public async Task<IResult> PreferencesAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var fields = await FormFields.ReadAsync(request, cancellationToken);
        var token = fields?["token"] ?? request.Query["token"].FirstOrDefault();
        var view = fields is null ? PreferencesView.Invalid : await preferences.SaveAsync(token, fields.Choices(), cancellationToken);
        if (!view.Valid)
        {
            return InvalidLink(request, t => t.LinkNotValid);
        }
        if (view.NameTooLong)
        {
            var again = PageText.For(view.Subscriber!.Language);
            return Page<PreferencesPage>(new { Text = again, Taxonomy = view.Taxonomy!, Current = view.Subscriber, Token = token!, UnsubscribeUrl = UnsubscribeUrl(view), Errors = Error("name", again.NameTooLong) }, StatusCodes.Status400BadRequest);
        }
        // In the language just chosen: that is the one the subscriber reads from now on.
        var text = PageText.For(view.Subscriber!.Language);
        return Page<MessagePage>(new { Text = text, Title = text.SavedTitle, Message = text.Saved });
    }

    public async Task<IResult> UnsubscribePageAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var token = request.Query["token"].FirstOrDefault();
        var outcome = await preferences.OpenUnsubscribeAsync(token, cancellationToken);
        if (outcome.Result is UnsubscribeResult.Invalid)
        {
            return InvalidLink(request, t => t.UnsubscribeLinkNotValid);
        }
        var text = Text(request, outcome.Language);
        if (outcome.Result is UnsubscribeResult.AlreadyUnsubscribed)
        {
            return Page<MessagePage>(new { Text = text, Title = text.UnsubscribedTitle, Message = text.AlreadyUnsubscribed, LinkUrl = SubscribeUrl(text), LinkText = text.SubscribeAgain });
        }
        return Page<ButtonPage>(new
        {
            Text = text,
            Title = text.UnsubscribeTitle,
            Question = text.UnsubscribeQuestion,
            Action = "unsubscribe?token=" + Uri.EscapeDataString(token!),
            Fields = Hidden((PreferenceService.OneClickField, PreferenceService.OneClickValue)),
            Button = text.UnsubscribeButton,
        });
    }

    /// <summary>RFC 8058: a POST with <c>List-Unsubscribe=One-Click</c> and a valid token unsubscribes at once.</summary>
    public async Task<IResult> UnsubscribeAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var fields = await FormFields.ReadAsync(request, cancellationToken);
        var outcome = await preferences.UnsubscribeAsync(request.Query["token"].FirstOrDefault(), fields?[PreferenceService.OneClickField], cancellationToken);
        if (outcome.Result is UnsubscribeResult.Invalid)
        {
            return InvalidLink(request, t => t.UnsubscribeRequestNotValid);
        }
        var text = Text(request, outcome.Language);
        return Page<MessagePage>(new { Text = text, Title = text.UnsubscribedTitle, Message = text.Unsubscribed, LinkUrl = SubscribeUrl(text), LinkText = text.SubscribeAgain });
    }

    /// <summary>"Enter your address and we will send you a fresh link", in <c>?lang=</c>, else the browser's language.</summary>
    public Task<IResult> FreshLinkFormAsync(HttpRequest request)
    {
        var text = Text(request);
        return Task.FromResult(Page<FreshLinkPage>(new { Text = text, Title = text.FreshLinkTitle }));
    }

    /// <summary>The same answer for every valid address: nothing on the page tells whether it is subscribed.</summary>
    public async Task<IResult> FreshLinkAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var text = Text(request);
        var fields = await FormFields.ReadAsync(request, cancellationToken);
        var email = fields?["email"];
        return await freshLinks.SendAsync(email, ClientNetwork.Of(request.HttpContext), cancellationToken) switch
        {
            FreshLinkResult.Answered => Page<MessagePage>(new { Text = text, Title = text.FreshLinkTitle, Message = text.FreshLinkSent }, StatusCodes.Status202Accepted),
            FreshLinkResult.InvalidEmail => Page<FreshLinkPage>(new { Text = text, Title = text.FreshLinkTitle, Email = email, Error = text.InvalidEmail }, StatusCodes.Status400BadRequest),
            FreshLinkResult.TooManyFromNetwork => Answer(request, text, StatusCodes.Status429TooManyRequests, text.TooManyRequests),
            _ => Answer(request, text, StatusCodes.Status503ServiceUnavailable, text.TryAgainLater),
        };
    }

    /// <summary>A friendly 404 in the browser's language, with the way to the sign-up form (absolute: any depth).</summary>
    public static Task<IResult> NotFoundAsync(HttpRequest request)
    {
        var text = Text(request);
        return Task.FromResult(Page<MessagePage>(new { Text = text, Title = text.NotFoundTitle, Message = text.NotFound, LinkUrl = "/api/" + SubscribeUrl(text), LinkText = text.SubscribeTitle }, StatusCodes.Status404NotFound));
    }

    /// <summary>The SendGrid Event Webhook: the body is capped before it is read, then verified, then handled.</summary>
    public async Task<IResult> SendGridEventsAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var body = await WebhookBody.ReadAsync(request, webhook.Value.WebhookMaxBytes, cancellationToken);
        var result = body is null
            ? WebhookResult.TooLarge
            : await providerEvents.HandleAsync(request.Headers[SendGridEventVerifier.SignatureHeader], request.Headers[SendGridEventVerifier.TimestampHeader], body, cancellationToken);
        return result switch
        {
            WebhookResult.Accepted => Results.Ok(),
            WebhookResult.Unauthorized => Results.Unauthorized(),
            WebhookResult.TooLarge => Results.StatusCode(StatusCodes.Status413PayloadTooLarge),
            _ => Results.BadRequest(),
        };
    }

    /// <summary>The sign-up form again, with what was typed and <paramref name="message"/> beside <paramref name="field"/>.</summary>
    private async Task<IResult> SignUpAgainAsync(FormFields fields, PageText text, string field, string message, CancellationToken cancellationToken)
    {
        var blank = Subscriber.Create("x@example.org") with { Language = text.Language };
        var typed = await choices.ApplyAsync(fields.Choices() with { Name = null }, blank, cancellationToken) with { Name = fields["name"] };
        return Page<SignUpPage>(new { Text = text, Taxonomy = await choices.TaxonomyAsync(cancellationToken), Current = typed, Email = fields["email"], Errors = Error(field, message) }, StatusCodes.Status400BadRequest);
    }

    private static IReadOnlyDictionary<string, string> Error(string field, string message) => new Dictionary<string, string> { [field] = message };

    /// <summary>Relative to the page (all under /api), in the page's language.</summary>
    private static string SubscribeUrl(PageText text) => "subscribe?lang=" + text.Language;

    private static bool IsJson(HttpRequest request) => request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    private static IResult Page<TComponent>(object parameters, int status = StatusCodes.Status200OK)
        where TComponent : Microsoft.AspNetCore.Components.IComponent => new PageResult<TComponent>(parameters, status);

    private static IReadOnlyList<(string, string)> Hidden(params (string, string)[] fields) => fields;

    /// <summary>What was wrong with the link, and the fresh-link form under it: no dead end.</summary>
    private static IResult InvalidLink(HttpRequest request, Func<PageText, string> message)
    {
        var text = Text(request);
        return Page<FreshLinkPage>(new { Text = text, Title = text.LinkNotValidTitle, Message = message(text) }, StatusCodes.Status400BadRequest);
    }

    private string UnsubscribeUrl(PreferencesView view) => "unsubscribe?token=" + Uri.EscapeDataString(preferences.UnsubscribeToken(view.Subscriber!.Id));

    /// <summary>The texts in <paramref name="language"/> when it is one of ours, else in the request's (<see cref="PageLanguage"/>).</summary>
    private static PageText Text(HttpRequest request, string? language = null) =>
        PageText.For(Languages.IsSupported(language) ? language : PageLanguage.Of(request));

    private static IResult Answer(HttpRequest request, PageText text, int status, string message) =>
        IsJson(request)
            ? Results.Json(new { message }, statusCode: status)
            : Page<MessagePage>(new { Text = text, Title = status < 300 ? text.ThankYouTitle : text.SorryTitle, Message = message }, status);
}
