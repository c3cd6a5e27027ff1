using System.CommandLine;
using CampaignFlow.Operations;
using CampaignFlow.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using CampaignFlow.Azure.Operations;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow queues status</c> and <c>queues poison list|show|replay|discard</c>: the operator's queue tools.</summary>
public static class QueuesCommand
{
    public static Command Create()
    {
        var status = Storage(new Command("status", "Depth of every stage queue and its poison queue"), async (tools, _, output, ct) =>
        {
            TextTable.Write(output, ["queue", "messages", "poison"], (await tools.DepthsAsync(ct)).Select(d => (IReadOnlyList<string>)[d.Queue, d.Messages.ToString(), d.Poison.ToString()]));
            return 0;
        });

        var queue = new Argument<string>("queue") { Description = "The stage queue (stories, alerts, …)" };
        var id = new Argument<string>("id") { Description = "The message id (from 'list')" };
        var list = Storage(new Command("list", "Every message in a poison queue, oldest first, with its reason") { queue }, async (tools, parse, output, ct) =>
        {
            var messages = await tools.ListAsync(parse.GetValue(queue)!, ct);
            TextTable.Write(output, ["id", "inserted", "dequeued", "reason"], messages.Select(m => (IReadOnlyList<string>)[m.Id, m.InsertedOn?.ToString("u") ?? "", m.DequeueCount.ToString(), m.Reason ?? "(retries exhausted)"]));
            return 0;
        });
        var show = Storage(new Command("show", "One poison message in full") { queue, id }, async (tools, parse, output, ct) =>
        {
            var message = await tools.ShowAsync(parse.GetValue(queue)!, parse.GetValue(id)!, ct);
            if (message is null)
            {
                await Console.Error.WriteLineAsync("no such message");
                return 1;
            }
            output.WriteLine($"id:       {message.Id}\ninserted: {message.InsertedOn:u}\nreason:   {message.Reason ?? "(retries exhausted)"}\nmessage:  {message.Original}");
            return 0;
        });
        var replay = Replay();
        var discard = Storage(new Command("discard", "Delete a poison message") { queue, id }, async (tools, parse, output, ct) =>
            Report(output, await tools.DiscardAsync(parse.GetValue(queue)!, parse.GetValue(id)!, ct), "discarded"));

        return new Command("queues", "Queue depths and poison-queue tools") { status, new Command("poison", "Poison-queue tools") { list, show, replay, discard } };
    }

    /// <summary><c>replay QUEUE ID</c>, or <c>replay --all [--queue Q]</c>: every poison message of one queue or of all.</summary>
    private static Command Replay()
    {
        var queue = new Argument<string?>("queue") { Description = "The stage queue (stories, alerts, …)", Arity = ArgumentArity.ZeroOrOne };
        var id = new Argument<string?>("id") { Description = "The message id (from 'list')", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Replay every poison message (of --queue, else of every stage queue)" };
        var only = new Option<string?>("--queue") { Description = "With --all: only this stage queue's poison messages" };
        return Storage(new Command("replay", "Put poison messages back on their queue (the stages are idempotent; back-off starts afresh)") { queue, id, all, only }, async (tools, parse, output, ct) =>
        {
            if (!parse.GetValue(all))
            {
                if (parse.GetValue(queue) is not { } q || parse.GetValue(id) is not { } message)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync("give QUEUE ID, or --all [--queue QUEUE]");
                    return 2;
                }
                return Report(output, await tools.ReplayAsync(q, message, ct), "replayed");
            }
            var single = parse.GetValue(only) ?? parse.GetValue(queue);
            IReadOnlyList<string> names = single is null ? QueueNames.All : [single];
            var total = 0;
            foreach (var name in names)
            {
                var count = await tools.ReplayAllAsync(name, ct);
                output.WriteLine($"{name}: replayed {count}");
                total += count;
            }
            output.WriteLine($"replayed {total}");
            return 0;
        });
    }

    private static int Report(TextWriter output, bool found, string verb)
    {
        if (!found)
        {
            Console.Error.WriteLine("no such message (or another operator took it)");
            return 1;
        }
        output.WriteLine(verb);
        return 0;
    }

    private static Command Storage(Command command, Func<PoisonQueues, ParseResult, TextWriter, CancellationToken, Task<int>> action) =>
        command.WithStorage((session, parse, ct) => action(session.Services.GetRequiredService<PoisonQueues>(), parse, parse.InvocationConfiguration.Output, ct));
}
