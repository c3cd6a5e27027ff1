using MimeKit;
using Microsoft.Extensions.Options;
using CampaignFlow.Delivery;

namespace CampaignFlow.Azure.Email;

/// <summary>Writes each email as a full MIME <c>.eml</c> and its HTML part as <c>.html</c>, so a person can open what would be sent.</summary>
public sealed class OutboxEmailSender(IOptions<EmailOptions> options, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var directory = options.Value.OutboxDirectory
            ?? throw new InvalidOperationException("Email__OutboxDirectory is required when Email__Sink is Outbox");
        Directory.CreateDirectory(directory);
        var mime = ToMime(message, options.Value, clock.GetUtcNow());
        // 7-bit transfer encodings (quoted-printable), as a mail server would send it: any mail client opens the file.
        mime.Prepare(EncodingConstraint.SevenBit);
        var name = Path.Combine(directory, message.Reference);
        await mime.WriteToAsync(name + ".eml", cancellationToken);
        await File.WriteAllTextAsync(name + ".html", message.Html, cancellationToken);
    }

    /// <summary>One .eml and one .html per recipient, substitutions applied as SendGrid would.</summary>
    public async Task SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken = default)
    {
        foreach (var recipient in batch.Recipients)
        {
            await SendAsync(batch.Render(recipient), cancellationToken);
        }
    }

    public static MimeMessage ToMime(EmailMessage message, EmailOptions sender, DateTimeOffset date)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = date,
            Body = new BodyBuilder { HtmlBody = message.Html, TextBody = message.Text }.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(sender.FromName, sender.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(new MailboxAddress(null, sender.FromAddress).Domain);
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, value);
        }
        return mime;
    }
}
