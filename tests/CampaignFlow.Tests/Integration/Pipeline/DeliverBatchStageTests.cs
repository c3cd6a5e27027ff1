using System.Globalization;
using System.Text.Json;
using CampaignFlow.Cli.SendGridLoopback;
using CampaignFlow.Delivery;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Integration.Pipeline;

/// <summary>Fan-out and DeliverBatch against Azurite and the schema-validating loopback SendGrid endpoint.</summary>
public sealed class DeliverBatchStageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static IEnumerable<JsonElement> Personalizations(JsonElement body) => body.GetProperty("personalizations").EnumerateArray();

    private static string[] Addresses(JsonElement body) => Personalizations(body).Select(p => p.GetProperty("to")[0].GetProperty("email").GetString()!).ToArray();

    [Fact]
    public async Task SendsAnAlertTo2500SubscribersInThreeRequestsOfAtMost1000()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(2500);

        var batches = await h.FanOutAsync(story);
        foreach (var batch in batches)
        {
            await h.RunAsync(batch);
        }

        Assert.Equal(3, batches.Count);
        Assert.All(batches, b => Assert.True(b.Recipients.Count <= 1000));
        Assert.Equal(3, h.Endpoint.Requests);
        Assert.Equal([500, 1000, 1000], h.Endpoint.Accepted.Select(b => b.GetProperty("personalizations").GetArrayLength()).Order());
        Assert.Equal(2500, h.Endpoint.DistinctRecipients);
        Assert.Equal(0, h.Endpoint.Duplicates);
        Assert.All(subscribers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
    }

    [Fact]
    public async Task SendsOnlyToActiveInstantSubscribersWhoseTopicsAndRegionsMatchInTheirLanguage()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var wanted = await h.SubscribersAsync(2, "wanted");
        var europe = await h.SubscribersAsync(1, "europe", s => s with { Regions = ["europe"] });
        var norwegian = await h.SubscribersAsync(1, "norsk", s => s with { Language = "no" });
        var french = await h.SubscribersAsync(1, "francais", s => s with { Language = "fr" });
        var spanish = await h.SubscribersAsync(1, "espanol", s => s with { Language = "es" });
        var asia = await h.SubscribersAsync(1, "asia", s => s with { Regions = ["asia"] });
        var otherTopic = await h.SubscribersAsync(1, "other", s => s with { Topics = ["stockpile-destruction"] });
        var digest = await h.SubscribersAsync(1, "digest", s => s with { Cadence = Cadence.DailyDigest });
        var left = await h.SubscribersAsync(1, "left", s => s with { Status = SubscriberStatus.Unsubscribed });

        foreach (var batch in await h.FanOutAsync(story))
        {
            await h.RunAsync(batch);
        }

        var sent = h.Endpoint.Accepted.SelectMany(Addresses).Order().ToArray();
        Assert.Equal(wanted.Concat(europe).Concat(norwegian).Concat(french).Concat(spanish).Select(s => s.Email).Order(), sent);
        Assert.DoesNotContain(asia.Concat(otherTopic).Concat(digest).Concat(left), s => sent.Contains(s.Email));
        foreach (var (reader, subject, unsubscribe) in new[] { (norwegian[0], "Varsel:", "Meld deg av"), (french[0], "Alerte :", "Se désabonner"), (spanish[0], "Alerta:", "Darse de baja") })
        {
            var mail = Assert.Single(h.Endpoint.Accepted, b => Addresses(b).Contains(reader.Email));
            Assert.Equal([reader.Email], Addresses(mail));
            Assert.StartsWith(subject, mail.GetProperty("subject").GetString());
            Assert.Contains(unsubscribe, mail.GetProperty("content")[1].GetProperty("value").GetString());
        }
    }

    [Fact]
    public async Task EachSubscriberGetsTheVersionInTheirLanguageWhereOneExistsElseTheOriginal()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync("Norway ratifies the Convention on Cluster Munitions", "Oslo, 3 December 2008.");
        var ledger = h.Services.GetRequiredService<IStoryLedger>();
        var norwegianVersion = new Story
        {
            Id = story.Story.Id + "-no",
            Feed = "mfa-no",
            Language = "no",
            Title = "Norge ratifiserer konvensjonen om klaseammunisjon",
            Summary = "Oslo, 3. desember 2008.",
            Link = "https://www.regjeringen.no/no/id1/",
            Status = StoryStatus.LanguageVersion,
            ReleaseOf = story.Story.Id,
        };
        await ledger.TryAddAsync(norwegianVersion);
        await ledger.AddLanguageVersionAsync(story.Story.Id, "no", norwegianVersion.Id);
        var english = Assert.Single(await h.SubscribersAsync(1, "english"));
        var norwegian = Assert.Single(await h.SubscribersAsync(1, "norsk", s => s with { Language = "no" }));
        var french = Assert.Single(await h.SubscribersAsync(1, "francais", s => s with { Language = "fr" }));

        foreach (var batch in await h.FanOutAsync(story))
        {
            await h.RunAsync(batch);
        }

        string Html(Subscriber reader) => Assert.Single(h.Endpoint.Accepted, b => Addresses(b).Contains(reader.Email)).GetProperty("content")[1].GetProperty("value").GetString()!;
        Assert.Contains("Norge ratifiserer konvensjonen om klaseammunisjon", Html(norwegian));
        Assert.Contains("https://www.regjeringen.no/no/id1/", Html(norwegian));
        Assert.DoesNotContain("Norway ratifies", Html(norwegian));
        Assert.Contains("Norway ratifies the Convention on Cluster Munitions", Html(english));
        Assert.DoesNotContain("Norge ratifiserer", Html(english));
        Assert.Contains("Norway ratifies the Convention on Cluster Munitions", Html(french));
        // Counted once per story: every batch is under the original's id.
        Assert.All(h.Endpoint.Accepted, b => Assert.All(Personalizations(b), p => Assert.Equal(story.Story.Id, p.GetProperty("custom_args").GetProperty("story_id").GetString())));
    }

    [Fact]
    public async Task EveryRecipientGetsListUnsubscribeOneClickTheirOwnLinksBothPartsAndTheWhyLine()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(3);
        var tokens = h.Services.GetRequiredService<TokenService>();

        foreach (var batch in await h.FanOutAsync(story))
        {
            await h.RunAsync(batch);
        }

        var body = Assert.Single(h.Endpoint.Accepted);
        Assert.Equal("List-Unsubscribe=One-Click", body.GetProperty("headers").GetProperty("List-Unsubscribe-Post").GetString());
        Assert.Equal(["text/plain", "text/html"], body.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        var text = body.GetProperty("content")[0].GetProperty("value").GetString()!;
        var html = body.GetProperty("content")[1].GetProperty("value").GetString()!;
        Assert.Contains("href=\"-unsubscribe_url-\"", html);
        Assert.Contains("href=\"-preferences_url-\"", html);
        Assert.Contains("Why you got this", html);
        Assert.Contains("Why you got this", text);
        Assert.Contains("Unsubscribe: -unsubscribe_url-", text);
        Assert.Equal(["alert"], body.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var args = Personalizations(body).First().GetProperty("custom_args");
        Assert.Equal(story.Story.Id, args.GetProperty("story_id").GetString());
        Assert.Equal("1.0", args.GetProperty("rule_version").GetString());
        Assert.DoesNotContain("@", args.GetRawText());

        var links = new HashSet<string>();
        foreach (var p in Personalizations(body))
        {
            var subscriber = subscribers.Single(s => s.Email == p.GetProperty("to")[0].GetProperty("email").GetString());
            var unsubscribe = p.GetProperty("substitutions").GetProperty(AlertComposer.UnsubscribeTag).GetString()!;
            var preferences = p.GetProperty("substitutions").GetProperty(AlertComposer.PreferencesTag).GetString()!;
            Assert.Equal($"<{unsubscribe}>", p.GetProperty("headers").GetProperty("List-Unsubscribe").GetString());
            Assert.StartsWith("https://alerts.example.org/api/unsubscribe?token=", unsubscribe);
            Assert.Equal(subscriber.Id, tokens.Validate(AlertComposer.UnsubscribePurpose, Uri.UnescapeDataString(unsubscribe.Split("token=")[1])));
            Assert.Equal(subscriber.Id, tokens.Validate(AlertComposer.PreferencesPurpose, Uri.UnescapeDataString(preferences.Split("token=")[1])));
            Assert.True(links.Add(unsubscribe));
        }
    }

    [Fact]
    public async Task EscapesStoryTextAndKeepsSubstitutionTagsOutOfIt()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync("Ban <script>alert(1)</script> & \"more\"", "<img src=x onerror=alert(1)> -unsubscribe_url-");
        await h.SubscribersAsync(1);

        foreach (var batch in await h.FanOutAsync(story))
        {
            await h.RunAsync(batch);
        }

        var body = Assert.Single(h.Endpoint.Accepted);
        var html = body.GetProperty("content")[1].GetProperty("value").GetString()!;
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("Ban &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;", html);
        Assert.Equal(2, html.Split("-unsubscribe_url-").Length); // only the template's own link
        Assert.Equal("Alert: Ban <script>alert(1)</script> & \"more\"", body.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task DefersABatchRefusedWith429UntilTheRateLimitResets()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(2);
        var reset = h.Clock.GetUtcNow().AddSeconds(120).ToUnixTimeSeconds();
        h.Endpoint.Script.Enqueue(new ScriptedResponse(429, new Dictionary<string, string> { ["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture) }));
        var batch = Assert.Single(await h.FanOutAsync(story));

        await h.RunAsync(batch);

        var (queue, body, delay) = Assert.Single(h.Queue.Deferred);
        Assert.Equal(QueueNames.Deliveries, queue);
        Assert.InRange(delay, TimeSpan.FromSeconds(118), TimeSpan.FromSeconds(121));
        Assert.Equal(batch, MessageSerializer.Deserialize<DeliveryBatchMessage>(body) with { Recipients = batch.Recipients });
        Assert.Empty(h.Endpoint.Accepted);

        await h.RunAsync(batch);

        Assert.All(subscribers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
    }

    [Fact]
    public async Task HonoursRetryAfterOnA429WithoutARateLimitReset()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        await h.SubscribersAsync(1);
        h.Endpoint.Script.Enqueue(new ScriptedResponse(429, new Dictionary<string, string> { ["Retry-After"] = "42" }));

        await h.RunAsync(Assert.Single(await h.FanOutAsync(story)));

        Assert.Equal(TimeSpan.FromSeconds(42), Assert.Single(h.Queue.Deferred).Delay);
    }

    [Fact]
    public async Task WaitsAMinuteOnA429WithNeitherRateLimitResetNorRetryAfter()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var reader = Assert.Single(await h.SubscribersAsync(1));
        h.Endpoint.Script.Enqueue(new ScriptedResponse(429));
        var batch = Assert.Single(await h.FanOutAsync(story));

        await h.RunAsync(batch);

        Assert.Equal(TimeSpan.FromMinutes(1), Assert.Single(h.Queue.Deferred).Delay);
        Assert.Empty(h.Endpoint.Accepted);
        await h.RunAsync(batch);
        Assert.Equal(1, h.Endpoint.TimesSent(reader.Email));
    }

    [Fact]
    public async Task RetriesAServerErrorThroughTheQueueAndSendsOneCopy()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(3);
        h.Endpoint.Script.Enqueue(new ScriptedResponse(500));
        var batch = Assert.Single(await h.FanOutAsync(story));

        await h.RunAsync(batch);
        await h.RunAsync(batch);

        var error = Assert.IsType<EmailDeliveryException>(h.Logs.Entries.Single(e => e.Exception is not null).Exception);
        Assert.False(error.Permanent);
        Assert.Equal(new RetryOptions().FirstDelay, Assert.Single(h.Queue.Deferred).Delay);
        Assert.Equal(2, h.Endpoint.Requests);
        Assert.All(subscribers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
    }

    [Fact]
    public async Task RetriesATimeoutAndSendsOneCopy()
    {
        // The first request times out as HttpClient does when SendGrid__Timeout elapses, deterministically (no race
        // between a short timeout and a busy machine); the retry through the queue goes through.
        await using var h = await DeliveryHarness.StartAsync(azurite, configure: s =>
            s.AddHttpClient("SendGridEmailSender").AddHttpMessageHandler(() => new TimesOutOnce()));
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(2);
        var batch = Assert.Single(await h.FanOutAsync(story));

        await h.RunAsync(batch);
        await h.RunAsync(batch);

        Assert.Contains("in time", h.Logs.Entries.Single(e => e.Exception is not null).Exception!.Message);
        Assert.Equal(1, h.Endpoint.Requests);
        Assert.All(subscribers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
    }

    [Fact]
    public async Task TheSendGridClientWaitsAsLongAsSendGridTimeoutSays()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite, new Dictionary<string, string?> { ["SendGrid:Timeout"] = "00:00:07" });

        var http = h.Services.GetRequiredService<IHttpClientFactory>().CreateClient("SendGridEmailSender");

        Assert.Equal(TimeSpan.FromSeconds(7), http.Timeout);
    }

    [Fact]
    public async Task PoisonsABatchRefusedWith400WithTheReason()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        await h.SubscribersAsync(1);
        h.Endpoint.Script.Enqueue(new ScriptedResponse(400));
        var batch = Assert.Single(await h.FanOutAsync(story));

        await h.RunAsync(batch);

        var (queue, message) = h.Queue.Sent.Last();
        Assert.Equal("deliveries-poison", queue);
        var dead = Assert.IsType<DeadLetter>(message);
        Assert.Contains("refused batch 1", dead.Reason);
        Assert.Contains("400", dead.Reason);
        Assert.Empty(h.Queue.Deferred);
    }

    [Fact]
    public async Task TheKillSwitchDefersEveryBatchAndSendsNothingUntilLifted()
    {
        var paused = new Dictionary<string, string?> { ["Sending:Paused"] = "true" };
        DeliveryBatchMessage batch;
        IReadOnlyList<Subscriber> subscribers;
        await using (var h = await DeliveryHarness.StartAsync(azurite, paused))
        {
            var story = await h.StoryAsync();
            subscribers = await h.SubscribersAsync(2);
            batch = Assert.Single(await h.FanOutAsync(story));

            await h.RunAsync(batch);

            Assert.Equal(0, h.Endpoint.Requests);
            Assert.Equal(SendingOptions.DefaultPausedRetryDelay, Assert.Single(h.Queue.Deferred).Delay);
            Assert.Contains(h.Logs.Lines, l => l.Contains("sending.paused"));
        }
        // Sending__PausedRetryDelay sets the wait (the fault bench pauses and resumes within seconds).
        await using (var shortWait = await DeliveryHarness.StartAsync(azurite, new Dictionary<string, string?> { ["Sending:Paused"] = "true", ["Sending:PausedRetryDelay"] = "00:00:02" }))
        {
            await shortWait.RunAsync(batch);

            Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(shortWait.Queue.Deferred).Delay);
        }
        await using var resumed = await DeliveryHarness.StartAsync(azurite);

        await resumed.RunAsync(batch);

        Assert.All(subscribers, s => Assert.Equal(1, resumed.Endpoint.TimesSent(s.Email)));
    }

    [Fact]
    public async Task ASpikeOfSpamReportsPausesSendingAndLogsTheOperatorEvent()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite, new Dictionary<string, string?> { ["Sending:SpamReportsToPause"] = "3" });
        var gate = h.Services.GetRequiredService<SendingGate>();
        var story = await h.StoryAsync();
        await h.SubscribersAsync(1);

        await gate.RecordSpamReportsAsync(2);
        Assert.Null(await gate.PausedReasonAsync());
        await gate.RecordSpamReportsAsync(1);
        await h.RunAsync(Assert.Single(await h.FanOutAsync(story)));

        Assert.Contains("spam reports", await gate.PausedReasonAsync());
        Assert.Contains(h.Logs.Lines, l => l.Contains("sending.paused") && l.Contains("automatic"));
        Assert.Equal(0, h.Endpoint.Requests);
        await h.Services.GetRequiredService<ISendingControl>().ResumeAsync();
        Assert.Null(await gate.PausedReasonAsync());
    }

    [Fact]
    public async Task ACrashAfterSendGridAcceptedButBeforeTheLedgerWriteNeverSendsASecondCopy()
    {
        var crash = true;
        await using var h = await DeliveryHarness.StartAsync(azurite, wrapSender: (_, real) => new CrashingSender(real, () => crash));
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(3);
        var batch = Assert.Single(await h.FanOutAsync(story));

        // A dead worker runs no catch: the stage itself, not the runner, is what stops mid-way.
        await Assert.ThrowsAsync<ProcessCrashed>(() => h.Deliver.HandleAsync(batch));
        crash = false;
        await h.RunAsync(batch); // the queue's retry, while the dead attempt's lease still runs
        h.Clock.Advance(IDeliveryLedger.Lease + TimeSpan.FromMinutes(1));
        await h.RunAsync(batch); // the retry after the lease

        Assert.Equal(1, h.Endpoint.Requests);
        Assert.All(subscribers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
        Assert.Equal(BatchDelivery.BusyRetryDelay, Assert.Single(h.Queue.Deferred).Delay);
        Assert.Contains(h.Logs.Lines, l => l.Contains("email.batch.uncertain"));
        // The operator can look the dead attempt up in SendGrid's activity by the custom arg it sent.
        var sentAttempt = h.Endpoint.Accepted.Single().GetProperty("personalizations")[0].GetProperty("custom_args").GetProperty("delivery_attempt").GetString()!;
        Assert.Contains(h.Logs.Lines, l => l.Contains("died mid-request") && l.Contains(sentAttempt));
    }

    [Fact]
    public async Task DuplicateAlertMessagesSendOneCopy()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(5);

        var first = await h.FanOutAsync(story);
        var second = await h.FanOutAsync(story);
        foreach (var batch in first.Concat(second).Concat(first))
        {
            await h.RunAsync(batch);
        }

        Assert.Equal(1, h.Endpoint.Requests);
        Assert.All(subscribers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
        Assert.Empty(h.Queue.Deferred);
    }

    [Fact]
    public async Task TwoDeliverersArrivingWhileAThirdIsSendingTheSameBatchSendNothingAndDefer()
    {
        // The barrier: the first deliverer's request is held inside the sender (its recipients claimed and fenced)
        // until the other two have run to the end. They must find every recipient held, send nothing and defer.
        var held = new HeldSender();
        await using var h = await DeliveryHarness.StartAsync(azurite, wrapSender: (_, inner) => held.Wrap(inner));
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(250);
        var batch = Assert.Single(await h.FanOutAsync(story));

        var first = h.RunAsync(batch);
        await held.Entered.WaitAsync(TimeSpan.FromMinutes(1));
        await Task.WhenAll(h.RunAsync(batch), h.RunAsync(batch)).WaitAsync(TimeSpan.FromMinutes(1));

        // Contended: both ran to completion while the first was mid-request, and neither reached the endpoint.
        Assert.False(first.IsCompleted);
        Assert.Equal(1, held.Calls);
        Assert.Equal(0, h.Endpoint.Requests);
        Assert.Equal(2, h.Queue.Deferred.Count);
        Assert.All(h.Queue.Deferred, d => Assert.Equal(BatchDelivery.BusyRetryDelay, d.Delay));

        held.Release();
        await first;
        foreach (var (_, body, _) in h.Queue.Deferred.ToList())
        {
            await h.RunAsync(MessageSerializer.Deserialize<DeliveryBatchMessage>(body));
        }

        Assert.Equal(1, h.Endpoint.Requests);
        Assert.Equal(250, h.Endpoint.DistinctRecipients);
        Assert.Equal(0, h.Endpoint.Duplicates);
        Assert.All(subscribers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
        Assert.Equal(2, h.Queue.Deferred.Count);
    }

    [Fact]
    public async Task ThreeDeliverersStartingTogetherSendEachRecipientOnce()
    {
        // No ordering imposed: three deliverers of one batch start at once; whatever they interleave, after the
        // deferred copies are run, every recipient got one copy.
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(250);
        var batch = Assert.Single(await h.FanOutAsync(story));
        using var barrier = new Barrier(3);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            barrier.SignalAndWait(TimeSpan.FromMinutes(1));
            return h.RunAsync(batch);
        })));
        for (var round = 0; round < 5 && h.Queue.Deferred.Count > 0; round++)
        {
            var deferred = h.Queue.Deferred.ToList();
            h.Queue.Deferred.Clear();
            foreach (var (_, body, _) in deferred)
            {
                await h.RunAsync(MessageSerializer.Deserialize<DeliveryBatchMessage>(body));
            }
        }

        Assert.Equal(250, h.Endpoint.DistinctRecipients);
        Assert.Equal(0, h.Endpoint.Duplicates);
        Assert.All(subscribers, s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
    }

    [Fact]
    public async Task NoSubscriberAddressAppearsInTheLogsWhateverHappens()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        var story = await h.StoryAsync();
        var subscribers = await h.SubscribersAsync(3);
        var batch = Assert.Single(await h.FanOutAsync(story));
        h.Endpoint.Script.Enqueue(new ScriptedResponse(429, new Dictionary<string, string> { ["Retry-After"] = "1" }));
        h.Endpoint.Script.Enqueue(new ScriptedResponse(500));

        await h.RunAsync(batch);
        await h.RunAsync(batch);
        await h.RunAsync(batch);
        h.Endpoint.Script.Enqueue(new ScriptedResponse(400));
        var other = await h.StoryAsync();
        await h.RunAsync(Assert.Single(await h.FanOutAsync(other)));

        Assert.NotEmpty(h.Logs.Lines);
        Assert.Contains(h.Logs.Lines, l => l.Contains("deliveries-poison"));
        Assert.DoesNotContain(h.Logs.Lines, l => subscribers.Any(s => l.Contains(s.Email.Split('@')[0], StringComparison.OrdinalIgnoreCase)));
    }

    private sealed class ProcessCrashed() : Exception("the worker died");

    /// <summary>Fails the first request the way HttpClient does when its Timeout elapses; later requests pass.</summary>
    private sealed class TimesOutOnce : DelegatingHandler
    {
        private int _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 1 seconds elapsing.", new TimeoutException())
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>Holds the first batch request inside the sender until <see cref="Release"/>; later requests pass.</summary>
    private sealed class HeldSender
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public Task Entered => _entered.Task;
        public int Calls => Volatile.Read(ref _calls);

        public void Release() => _release.TrySetResult();

        public IEmailSender Wrap(IEmailSender inner) => new Sender(inner, this);

        private sealed class Sender(IEmailSender inner, HeldSender held) : IEmailSender
        {
            public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) => inner.SendAsync(message, cancellationToken);

            public async Task SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken = default)
            {
                if (Interlocked.Increment(ref held._calls) == 1)
                {
                    held._entered.TrySetResult();
                    await held._release.Task.WaitAsync(cancellationToken);
                }
                await inner.SendBatchAsync(batch, cancellationToken);
            }
        }
    }

    /// <summary>Sends for real, then "dies" before the caller can write the ledger.</summary>
    private sealed class CrashingSender(IEmailSender inner, Func<bool> crash) : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) => inner.SendAsync(message, cancellationToken);

        public async Task SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken = default)
        {
            await inner.SendBatchAsync(batch, cancellationToken);
            if (crash())
            {
                throw new ProcessCrashed();
            }
        }
    }
}
