using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Bot.Domain.Model;

namespace Bot.Adapters.Console;

/// <summary>
/// Executes actions by printing them; results (message ids, invite links, threads) are made up locally. A file the
/// action carries is written to <see cref="ConsoleOptions.OutputDir"/> and its path printed, so it can be opened.
/// </summary>
public sealed class ConsoleExecutor(IConsoleOutput output, ConsoleOptions options) : IActionExecutor
{
    private readonly string _outputDir = Path.GetFullPath(options.OutputDir, Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd ? pwd : Environment.CurrentDirectory);
    private int _next;

    public Platform Platform => Platform.Console;

    public async Task<ActionResult> ExecuteAsync(BotAction action, CancellationToken ct)
    {
        var line = ActionFormatter.Format(action);
        if (action.GetType().GetProperties().Select(p => p.GetValue(action)).OfType<Attachment>().FirstOrDefault() is { } file)
        {
            line += " path=" + await SaveAsync(file, ct);
        }

        output.WriteLine(line);
        var n = Interlocked.Increment(ref _next);
        var result = action switch
        {
            CreateInviteLink invite => new ActionResult(true, Value: $"https://console.invalid/join/{invite.ForUser.Id}-{n}"),
            OpenStaffThread => new ActionResult(true, ChannelId: $"staff-thread-{n}"),
            SendMessage send => new ActionResult(true, send.ChannelId, $"b{n}"),
            Reply reply => new ActionResult(true, reply.ChannelId, $"b{n}"),
            PostToStaff => new ActionResult(true, "staff", $"b{n}"),
            _ => ActionResult.Ok,
        };
        return result;
    }

    private async Task<string> SaveAsync(Attachment file, CancellationToken ct)
    {
        Directory.CreateDirectory(_outputDir);
        var path = Path.Combine(_outputDir, Path.GetFileName(file.FileName));
        await File.WriteAllBytesAsync(path, file.Content, ct);
        return path;
    }
}
