using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres;
using Bot.Adapters.Scheduling;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Console;

/// <summary>
/// The local REPL: you talk as members, the bot's actions are printed one per line. With a script it runs
/// the transcript and stops the host. Console ids are per run (event ids carry a run id) so that a
/// persistent database never mistakes a new run's events for old ones.
/// </summary>
public sealed partial class ConsoleAdapter(
    ConsoleOptions options,
    IEventPipeline pipeline,
    IServiceScopeFactory scopes,
    TimerSweep timers,
    ConsoleClock clock,
    IConsoleOutput output,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleAdapter> logger) : BackgroundService
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<string, string> _authors = new(StringComparer.Ordinal);
    private int _sequence;
    private int _messages;
    private string _channel = options.Channel;

    private CommunityRef Community => new(Platform.Console, options.Community);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (migrations, scheduler) before the first line.
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        // What fell due while the bot was down fires now, late, as Quartz does at start on a platform.
        await timers.FireDueAsync(clock.GetUtcNow(), _ => { }, stoppingToken);

        if (options.Script is { } script)
        {
            foreach (var line in await File.ReadAllLinesAsync(script, stoppingToken))
            {
                await HandleSafelyAsync(line, stoppingToken);
            }

            lifetime.StopApplication();
            return;
        }

        await System.Console.Error.WriteLineAsync($"CommunityBot console. {ConsoleLine.Usage} Ctrl+D quits.");
        while (!stoppingToken.IsCancellationRequested && await System.Console.In.ReadLineAsync(stoppingToken) is { } typed)
        {
            await HandleSafelyAsync(typed, stoppingToken);
        }

        lifetime.StopApplication();
    }

    // One line that fails (a database hiccup while sweeping timers) is reported and the session goes on, as a
    // platform adapter goes on after a failed update; only stopping ends it.
    private async Task HandleSafelyAsync(string line, CancellationToken ct)
    {
        try
        {
            await HandleAsync(line, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogLineFailed(line, ex);
            output.WriteLine($"Error {ex.GetType().Name}: that line failed ({ex.Message}); the next one runs.");
        }
    }

    public async Task HandleAsync(string line, CancellationToken ct)
    {
        switch (ConsoleLine.Parse(line))
        {
            case ConsoleLine.Say say:
                await pipeline.ProcessAsync([ToEvent(say)], ct);
                break;
            case ConsoleLine.Join join:
                await pipeline.ProcessAsync([new MemberJoined(NextEventId(), Community, clock.GetUtcNow(), MemberOf(join.User), join.Invite)], ct);
                break;
            case ConsoleLine.Leave leave:
                await pipeline.ProcessAsync([new MemberLeft(NextEventId(), Community, clock.GetUtcNow(), UserOf(leave.User))], ct);
                break;
            case ConsoleLine.Press press:
                await pipeline.ProcessAsync([new ButtonPressed(NextEventId(), Community, clock.GetUtcNow(), _channel, press.MessageId, MemberOf(press.User), press.Data)], ct);
                break;
            case ConsoleLine.React react:
                var author = _authors.TryGetValue(react.MessageId, out var a) ? UserOf(a) : (UserRef?)null;
                await pipeline.ProcessAsync([new ReactionAdded(NextEventId(), Community, clock.GetUtcNow(), _channel, react.MessageId, UserOf(react.User), react.Emoji, author)], ct);
                break;
            case ConsoleLine.Staff staff:
                await GrantAsync(staff, ct);
                break;
            case ConsoleLine.Channel channel:
                _channel = channel.Name;
                break;
            case ConsoleLine.Advance advance:
                // Through the span step by step: each scheduled item at its own time, none of them late.
                await timers.FireDueAsync(clock.GetUtcNow() + advance.By, clock.AdvanceTo, ct);
                break;
            case ConsoleLine.Invalid invalid:
                output.WriteLine("Error " + invalid.Error);
                break;
        }
    }

    private ChatEvent ToEvent(ConsoleLine.Say say)
    {
        var now = clock.GetUtcNow();
        var messageId = $"m{++_messages}";
        _authors[messageId] = say.User;
        var replyToUser = say.ReplyTo is { } r && _authors.TryGetValue(r, out var replied) ? UserOf(replied) : (UserRef?)null;
        var channel = say.Direct ? $"dm-{say.User}" : _channel;
        if (say.Text.StartsWith('/') && say.Text.Length > 1)
        {
            var space = say.Text.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? say.Text[1..] : say.Text[1..space];
            var arguments = space < 0 ? string.Empty : say.Text[(space + 1)..];
            return new CommandInvoked(NextEventId(), Community, now, channel, MemberOf(say.User), name, arguments, messageId,
                IsDirect: say.Direct, ReplyToUser: replyToUser, ReplyToMessageId: say.ReplyTo);
        }

        return new MessagePosted(NextEventId(), Community, now, channel, messageId, MemberOf(say.User), say.Text,
            say.ReplyTo, replyToUser, IsDirect: say.Direct);
    }

    private async Task GrantAsync(ConsoleLine.Staff staff, CancellationToken ct)
    {
        if (!Enum.TryParse<StaffRole>(staff.Role, ignoreCase: true, out var role))
        {
            output.WriteLine($"Error unknown staff role '{staff.Role}': one of {string.Join(", ", Enum.GetNames<StaffRole>()).ToLowerInvariant()}.");
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IStaffStore>().GrantAsync(Community, UserOf(staff.User), role, UserOf("console"), ct);
        await scope.ServiceProvider.GetRequiredService<DbSession>().CommitAsync(ct);
    }

    private string NextEventId() => $"console:{_run}:{Interlocked.Increment(ref _sequence)}";

    private UserRef UserOf(string name) => new(Platform.Console, name);

    private Member MemberOf(string name) =>
        new(UserOf(name), name, name, AccountCreatedAt: clock.GetUtcNow().AddYears(-1));

    [LoggerMessage(Level = LogLevel.Error, Message = "Console line '{Line}' failed")]
    private partial void LogLineFailed(string line, Exception exception);
}
