using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// The subscriber-facing HTTP functions on a <see cref="FunctionsWorkerSite"/> against Azurite, with a fake clock, mail
/// to a fresh outbox, a webhook signing key of our own and every log line captured.
/// </summary>
public sealed class SubscriberSite : IAsyncDisposable
{
    public required FunctionsWorkerSite Worker { get; init; }
    public required FakeTimeProvider Clock { get; init; }
    public required string Outbox { get; init; }
    public required ECDsa WebhookKey { get; init; }
    public required LogCapture Logs { get; init; }
    public HttpClient Http => Worker.Http;
    public IServiceProvider Services => Worker.Services;
    public ISubscriberStore Store => Services.GetRequiredService<ISubscriberStore>();
    public TokenService Tokens => Services.GetRequiredService<TokenService>();

    public static Task<SubscriberSite> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        StartAsync(azurite.Settings(), settings, configure);

    /// <summary>The site on the storage and app settings in <paramref name="baseSettings"/> (e.g. a local state's), plus <paramref name="settings"/>.</summary>
    public static async Task<SubscriberSite> StartAsync(IDictionary<string, string?> baseSettings, IDictionary<string, string?>? settings, Action<IServiceCollection>? configure = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var outbox = Path.Combine(Path.GetTempPath(), "campaignflow-tests", Guid.NewGuid().ToString("n"));
        var logs = new LogCapture();
        var values = new Dictionary<string, string?>(baseSettings);
        foreach (var (name, value) in new Dictionary<string, string?>
        {
            ["Email:OutboxDirectory"] = outbox,
            ["Email:PublicBaseUrl"] = "https://alerts.example.org",
            ["SendGrid:WebhookVerificationKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        }.Concat(settings ?? new Dictionary<string, string?>()))
        {
            values[name] = value;
        }
        var worker = await FunctionsWorkerSite.StartAsync(values, s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            configure?.Invoke(s);
        }, logs);
        return new SubscriberSite { Worker = worker, Clock = clock, Outbox = outbox, WebhookKey = key, Logs = logs };
    }

    /// <summary>The next full hour after <paramref name="now"/> (the spam-report count's hourly bucket starts there).</summary>
    public static DateTimeOffset TopOfNextHour(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour + 1), TimeSpan.Zero);

    public static string NewAddress() => $"visitor-{Guid.NewGuid():n}@example.org";

    public static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)));

    /// <summary>A POST from its own documentation-range client (the per-network limit is shared by a test class).</summary>
    public static HttpRequestMessage Post(string path, HttpContent content, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Forwarded-For", forwardedFor ?? $"198.18.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}");
        return request;
    }

    /// <summary>The token of the <paramref name="path"/> link in a mail or page.</summary>
    public static string TokenIn(string text, string path)
    {
        var start = text.IndexOf(path + "?token=", StringComparison.Ordinal) + path.Length + 7;
        var end = text.IndexOfAny([' ', '\n', '\r', '"', '<'], start);
        return WebUtility.UrlDecode(WebUtility.HtmlDecode(text[start..end]));
    }

    /// <summary>The confirm token of the newest confirmation mail to <paramref name="subscriberId"/>.</summary>
    public string LatestConfirmToken(string subscriberId) =>
        TokenIn(File.ReadAllText(new DirectoryInfo(Outbox).GetFiles($"confirm-{subscriberId}-*.html").OrderBy(f => f.LastWriteTimeUtc).Last().FullName), "/api/confirm");

    /// <summary>A webhook call signed with our key (or, forged, with another) at <paramref name="timestamp"/>.</summary>
    public HttpRequestMessage Webhook(string body, long timestamp, bool forge = false, string? timestampHeader = null)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + body);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = (forge ? other : WebhookKey).SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SendGridEventVerifier.SignatureHeader, Convert.ToBase64String(signature));
        request.Headers.Add(SendGridEventVerifier.TimestampHeader, timestampHeader ?? timestamp.ToString(CultureInfo.InvariantCulture));
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        WebhookKey.Dispose();
    }
}
