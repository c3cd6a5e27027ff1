using System.CommandLine;
using System.Globalization;
using CampaignFlow.Azure.Operations;
using CampaignFlow.Cli.Local;
using CampaignFlow.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// <c>campaignflow status [--account NAME]</c>: health at a glance — the last successful poll per feed, queue and poison
/// depths, whether sending is paused (switch, setting, automatic) and the last alert batch sent.
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var state = StorageOptionsCli.State();
        var account = StorageOptionsCli.Account();
        var command = new Command("status", "Health at a glance: feeds, queues, sending, the last alert sent, the last errors") { state, account };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await StorageSession.OpenAsync(parse.GetValue(account), parse.GetValue(state), ct);
            await parse.InvocationConfiguration.Error.WriteLineAsync($"({session.Description})");
            var status = await session.Services.GetRequiredService<StatusReport>().BuildAsync(ct);
            Write(parse.InvocationConfiguration.Output, status);
            return 0;
        });
        return command;
    }

    private static void Write(TextWriter output, PipelineStatus status)
    {
        TextTable.Write(output, ["feed", "last successful poll", "last poll", "failures", "last error"], status.Feeds.OrderBy(f => f.Key).Select(f => (IReadOnlyList<string>)
            [f.Key, Time(f.Value.LastSuccess), Time(f.Value.LastAttempt), f.Value.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture), f.Value.LastError ?? ""]));
        if (status.Feeds.Count == 0)
        {
            output.WriteLine("(no feed polled yet)");
        }
        output.WriteLine();
        TextTable.Write(output, ["queue", "messages", "poison"], status.Queues.Select(d => (IReadOnlyList<string>)
            [d.Queue, d.Messages.ToString(CultureInfo.InvariantCulture), d.Poison.ToString(CultureInfo.InvariantCulture)]));
        output.WriteLine();
        var sending = status.Sending;
        output.WriteLine($"sending          {(sending?.Paused == true ? "PAUSED" : "on")}");
        output.WriteLine($"  switch         {(sending?.SwitchReason is { } why ? $"paused: {why}" : "not paused")}");
        output.WriteLine($"  Sending__Paused {Setting(sending)}");
        output.WriteLine($"last alert sent  {(sending?.LastSent is { } last ? $"{last.Key} batch {last.Batch}, {last.Recipients} recipients, {Time(last.At)}" : "none yet")}");
        if (status.LastErrors.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("last errors");
            foreach (var error in status.LastErrors)
            {
                output.WriteLine($"  {error}");
            }
        }
    }

    private static string Setting(SendingStatus? sending) => sending?.SettingPaused is { } paused
        ? $"{(paused ? "true" : "false")} (as the app reported it {Time(sending.SettingReportedAt)})"
        : "not reported yet (the app's MonitorQueues timer reports it every 5 minutes)";

    private static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never";
}
