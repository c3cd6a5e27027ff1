using System.CommandLine;
using CampaignFlow.Delivery;
using CampaignFlow.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// <c>campaignflow sending pause|resume|status</c>: the shared kill switch in storage (the same one a spam-report
/// spike sets). While paused, delivery batches wait on their queue; nothing is lost. The <c>Sending__Paused</c>
/// app setting is the deploy-time switch beside it.
/// </summary>
public static class SendingCommand
{
    public static Command Create()
    {
        var reason = new Option<string>("--reason") { Description = "Why (shown in the status and the logs)", DefaultValueFactory = _ => "paused by an operator" };
        var pause = Storage(new Command("pause", "Stop all sending now; batches wait on the queue") { reason }, async (control, parse, ct) =>
        {
            await control.PauseAsync(parse.Parse.GetValue(reason)!, ct);
            Console.WriteLine("sending paused");
        });
        var resume = Storage(new Command("resume", "Resume sending (also after an automatic pause)"), async (control, _, ct) =>
        {
            await control.ResumeAsync(ct);
            Console.WriteLine("sending resumed");
        });
        var status = Storage(new Command("status", "Whether sending is paused, and why: the shared switch, and the Sending__Paused setting the app reported"), async (control, parse, ct) =>
        {
            var output = parse.Parse.InvocationConfiguration.Output;
            output.WriteLine(await control.PausedReasonAsync(ct) is { } why ? $"paused: {why}" : "sending");
            var log = await parse.Services.GetRequiredService<IOperationsLog>().ReadAsync(ct);
            output.WriteLine(log.SettingPaused is { } paused
                ? $"Sending__Paused: {(paused ? "true: paused by the app setting" : "false")} (as the app reported it {log.SettingReportedAt:yyyy-MM-dd HH:mm} UTC)"
                : "Sending__Paused: not reported yet (the app's MonitorQueues timer reports it every 5 minutes)");
        });
        return new Command("sending", "The kill switch for email sending") { pause, resume, status };
    }

    private sealed record Invocation(ParseResult Parse, IServiceProvider Services);

    private static Command Storage(Command command, Func<ISendingControl, Invocation, CancellationToken, Task> action) =>
        command.WithStorage(async (session, parse, ct) =>
        {
            await action(session.Services.GetRequiredService<ISendingControl>(), new Invocation(parse, session.Services), ct);
            return 0;
        });
}
