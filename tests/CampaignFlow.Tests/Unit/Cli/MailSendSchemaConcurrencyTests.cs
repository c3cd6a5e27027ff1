using System.Text.Json;
using CampaignFlow.Cli.SendGridLoopback;

namespace CampaignFlow.Tests.Unit.Cli;

/// <summary>
/// The loopback endpoint checks bodies on several threads with one schema. <c>bench load</c> saw a valid address
/// ("load-N@example.org") refused as not an email now and then, at a different place each time.
/// </summary>
public sealed class MailSendSchemaConcurrencyTests
{
    [Fact]
    public async Task AValidBodyStaysValidWhenCheckedOnManyThreadsAtOnce()
    {
        var personalizations = string.Join(',', Enumerable.Range(0, 1000).Select(i => "{\"to\":[{\"email\":\"load-" + i + "@example.org\"}],\"custom_args\":{\"story_id\":\"s" + (i % 7) + "\"}}"));
        using var body = JsonDocument.Parse($$"""{"personalizations":[{{personalizations}}],"from":{"email":"alerts@example.org"},"subject":"s","content":[{"type":"text/plain","value":"v"}]}""");
        Assert.Empty(MailSendSchema.BuiltIn.Validate(body.RootElement));

        var failures = 0;
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 64), new ParallelOptions { MaxDegreeOfParallelism = 8 }, (_, _) =>
        {
            var found = MailSendSchema.BuiltIn.Validate(body.RootElement);
            if (found.Count > 0)
            {
                Interlocked.Increment(ref failures);
                errors.Add($"{found[0].Field}: {found[0].Message}");
            }
            return ValueTask.CompletedTask;
        });

        Assert.True(failures == 0, $"{failures} of 64 concurrent checks refused a valid body: {string.Join("; ", errors.Take(3))}");
    }
}
