using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace CampaignFlow.Delivery;

/// <summary>Sends through the SendGrid v3 mail API with the official client.</summary>
public sealed class SendGridEmailSender(ISendGridClient client, IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var mail = new SendGridMessage
        {
            From = new SendGrid.Helpers.Mail.EmailAddress(options.Value.FromAddress, options.Value.FromName),
            Subject = message.Subject,
            PlainTextContent = message.Text,
            HtmlContent = message.Html,
        };
        mail.AddTo(new SendGrid.Helpers.Mail.EmailAddress(message.To, message.ToName));
        mail.AddHeaders(message.Headers.ToDictionary());
        mail.AddCategories(message.Categories.ToList());
        mail.AddCustomArgs(message.CustomArgs.ToDictionary());

        var response = await client.SendEmailAsync(mail, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        var transient = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
        throw new EmailDeliveryException($"SendGrid answered {status}: {body.ReplaceLineEndings(" ")}", permanent: !transient);
    }
}
