using System.CommandLine;
using CampaignFlow.Cli.Local;
using CampaignFlow.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// <c>campaignflow deliveries resend STORY ATTEMPT [--yes]</c>: sends a story again to the recipients of one uncertain
/// delivery attempt (a worker died with the SendGrid request in flight), after saying what that costs and asking.
/// </summary>
public static class DeliveriesCommand
{
    private const string Confirmation = "resend";

    public static Command Create()
    {
        var story = new Argument<string>("story") { Description = "The story id (storyId of the email.batch.uncertain event)" };
        var attempt = new Argument<string>("attempt") { Description = "The attempt id (attempts of the event; SendGrid's custom arg delivery_attempt)" };
        var yes = new Option<bool>("--yes") { Description = "Do not ask (scripts): you checked SendGrid's activity and accept duplicates" };
        var state = StorageOptionsCli.State();
        var account = StorageOptionsCli.Account();
        var resend = new Command("resend", "Send a story again to the recipients of an uncertain delivery attempt (asks first: some may get it twice)") { story, attempt, yes, state, account };
        resend.SetAction(async (parse, ct) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            await using var session = await StorageSession.OpenAsync(parse.GetValue(account), parse.GetValue(state), ct);
            await error.WriteLineAsync($"({session.Description})");
            var resender = session.Services.GetRequiredService<UncertainDeliveryResend>();
            var found = await resender.FindAsync(parse.GetValue(story)!, parse.GetValue(attempt)!, ct);
            if (found is null)
            {
                await error.WriteLineAsync("no uncertain attempt by that id: it is unknown, was sent or failed, or its worker may still be running (10-minute lease)");
                return 1;
            }
            output.WriteLine($"Attempt {found.AttemptId} of story {found.StoryId} (batch {found.Batch}) has been sending since {found.SendingSince:u}: its worker died");
            output.WriteLine($"with the SendGrid request in flight, so SendGrid may or may not have sent it to its {found.Recipients.Count} recipients.");
            output.WriteLine("The app sends each story at most once, so it never resends by itself. Check SendGrid's Email Activity for the custom");
            output.WriteLine($"arg delivery_attempt = {found.AttemptId} first: if it is there, the mail went out and there is nothing to do.");
            output.WriteLine("Resending queues the story again for every one of them still subscribed; whoever did get it gets it twice.");
            if (!parse.GetValue(yes))
            {
                output.Write($"Type '{Confirmation}' to resend: ");
                if (!string.Equals(Console.In.ReadLine()?.Trim(), Confirmation, StringComparison.Ordinal))
                {
                    output.WriteLine("nothing resent");
                    return 1;
                }
            }
            var queued = await resender.ResendAsync(found, ct);
            output.WriteLine($"queued {queued} recipients on 'deliveries' (the app sends them within minutes)");
            return 0;
        });
        return new Command("deliveries", "Delivery tools for operators") { resend };
    }
}
