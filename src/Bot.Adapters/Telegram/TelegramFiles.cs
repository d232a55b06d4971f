using Bot.Domain.Commands;
using Bot.Domain.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Adapters.Telegram;

/// <summary>
/// The file of a command sent as a document's caption, or as a reply to a document: fetched with <c>getFile</c> and
/// downloaded through the Bot API client, only when the command's file option allows the document's type and declared
/// size, and never more than that limit. A file that is not taken is passed on without content (the command answers why).
/// </summary>
public sealed partial class TelegramFiles(IServiceScopeFactory scopes, TelegramGateway api, TokenRedactor redactor, ILogger<TelegramFiles> logger)
{
    /// <summary>The Bot API serves files up to 20 MB to bots.</summary>
    public const long BotApiLimit = 20 * 1024 * 1024;

    public async Task<IReadOnlyList<ChatEvent>> AttachAsync(Message? message, IReadOnlyList<ChatEvent> events, CancellationToken ct)
    {
        var document = message?.Document ?? message?.ReplyToMessage?.Document;
        if (document is null || events is not [CommandInvoked command])
        {
            return events;
        }

        OptionSpec? option;
        await using (var scope = scopes.CreateAsyncScope())
        {
            option = CommandFiles.FileOptionOf(scope.ServiceProvider.GetRequiredService<CommandCatalog>(), command.Name, command.Arguments);
        }

        if (option is null)
        {
            return events;
        }

        var name = document.FileName ?? "file";
        var type = document.MimeType ?? "application/octet-stream";
        var declared = document.FileSize ?? 0;
        var content = CommandFiles.Check(option, name, declared) is null && declared <= BotApiLimit
            ? await DownloadAsync(document.FileId, Math.Min(option.MaxBytes, BotApiLimit), ct)
            : [];
        return [command with { Attachments = [new Bot.Domain.Model.Attachment(name, type, content, declared)] }];
    }

    private async Task<byte[]> DownloadAsync(string fileId, long maxBytes, CancellationToken ct)
    {
        try
        {
            var file = await api.CallAsync("getFile", (c, t) => c.GetFile(fileId, t), ct);
            if (file.FilePath is null || file.FileSize > maxBytes)
            {
                return [];
            }

            using var buffer = new BoundedStream(maxBytes);
            await api.CallAsync("downloadFile", (c, t) => c.DownloadFile(file.FilePath, buffer, t), ct);
            return buffer.ToArray();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The exception may quote the download URL, which holds the token: only the redacted description is logged.
            LogDownloadFailed(fileId, redactor.Describe(e));
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram file {FileId} could not be downloaded: {Reason}")]
    private partial void LogDownloadFailed(string fileId, string reason);

    /// <summary>A memory stream that refuses to grow past a limit, whatever the server sends.</summary>
    private sealed class BoundedStream(long limit) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            Guard(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Guard(buffer.Length);
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Guard(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Guard(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        private void Guard(int count)
        {
            if (Length + count > limit)
            {
                throw new InvalidDataException($"The file is longer than {limit} bytes.");
            }
        }
    }
}
