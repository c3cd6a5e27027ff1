using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;
using CampaignFlow.Delivery;

namespace CampaignFlow.Azure.Email;

/// <summary>
/// Sends through the SendGrid v3 mail API with the official client. 202 is success; 429 and 5xx are transient
/// (429 with the delay from <c>X-RateLimit-Reset</c> or <c>Retry-After</c>); a timeout or a broken connection is
/// transient; any other 4xx is permanent.
/// </summary>
public sealed class SendGridEmailSender(ISendGridClient client, IOptions<EmailOptions> options, TimeProvider clock) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var mail = NewMessage(options.Value, message.Subject, message.Text, message.Html);
        mail.AddTo(new global::SendGrid.Helpers.Mail.EmailAddress(message.To, message.ToName));
        mail.AddHeaders(message.Headers.ToDictionary());
        mail.AddCategories(message.Categories.ToList());
        mail.AddCustomArgs(message.CustomArgs.ToDictionary());
        return SendAsync(mail.Serialize(), cancellationToken);
    }

    /// <summary>
    /// Serializes before the first await, so neither the batch nor the message is held while the request is in
    /// flight: only its JSON (about 1 MB for 1,000 recipients), however many batches one instance sends at once.
    /// </summary>
    public Task SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken = default) =>
        SendAsync(ToMessage(batch, options.Value).Serialize(), cancellationToken);

    /// <summary>The SendGrid request for a batch: one personalization per recipient.</summary>
    public static SendGridMessage ToMessage(EmailBatch batch, EmailOptions sender)
    {
        var mail = NewMessage(sender, batch.Subject, batch.Text, batch.Html);
        mail.Personalizations = batch.Recipients.Select(r => new Personalization
        {
            Tos = [new global::SendGrid.Helpers.Mail.EmailAddress(r.To, r.ToName)],
            Substitutions = r.Substitutions.Count == 0 ? null : r.Substitutions.ToDictionary(),
            Headers = r.Headers.Count == 0 ? null : r.Headers.ToDictionary(),
            // Per personalization: SendGrid's schema types the top-level custom_args as a string.
            CustomArgs = batch.CustomArgs.Count == 0 ? null : batch.CustomArgs.ToDictionary(),
        }).ToList();
        if (batch.Headers.Count > 0)
        {
            mail.AddGlobalHeaders(batch.Headers.ToDictionary());
        }
        if (batch.Categories.Count > 0)
        {
            mail.AddCategories(batch.Categories.ToList());
        }
        return mail;
    }

    private static SendGridMessage NewMessage(EmailOptions sender, string subject, string text, string html) => new()
    {
        From = new global::SendGrid.Helpers.Mail.EmailAddress(sender.FromAddress, sender.FromName),
        Subject = subject,
        PlainTextContent = text,
        HtmlContent = html,
    };

    /// <summary>What <see cref="ISendGridClient.SendEmailAsync"/> does, from the serialized message.</summary>
    private async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        Response response;
        try
        {
            response = await client.RequestAsync(BaseClient.Method.POST, json, urlPath: "mail/send", cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmailDeliveryException($"SendGrid did not answer in time: {ex.Message}", permanent: false);
        }
        catch (HttpRequestException ex)
        {
            throw new EmailDeliveryException($"SendGrid could not be reached: {ex.Message}", permanent: false);
        }
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        var reason = $"SendGrid answered {status}: {Truncate(body.ReplaceLineEndings(" "), 500)}";
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new EmailDeliveryException(reason, permanent: false, RetryDelay(response), status);
        }
        throw new EmailDeliveryException(reason, permanent: status < 500, statusCode: status);
    }

    /// <summary>When SendGrid lets us send again: X-RateLimit-Reset (epoch seconds), else Retry-After, else a minute.</summary>
    private TimeSpan RetryDelay(Response response)
    {
        var headers = response.Headers;
        if (headers.TryGetValues("X-RateLimit-Reset", out var reset)
            && long.TryParse(reset.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            var delay = DateTimeOffset.FromUnixTimeSeconds(epoch) - clock.GetUtcNow();
            return delay > TimeSpan.Zero ? delay : TimeSpan.FromSeconds(1);
        }
        if (headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }
        if (headers.RetryAfter?.Date is { } date)
        {
            return date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        }
        return TimeSpan.FromMinutes(1);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max] + "…";
}
