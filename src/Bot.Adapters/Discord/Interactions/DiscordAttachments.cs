using Bot.Adapters.Discord.Json;
using Bot.Domain.Commands;
using Bot.Domain.Model;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Discord.Interactions;

/// <summary>
/// Files attached to a slash command (option type 11): the option's value names an attachment in the interaction's
/// resolved data, whose URL is on Discord's CDN. A file is downloaded only when the command's file option allows its
/// type and declared size, only from <see cref="DiscordOptions.AttachmentHosts"/>, without the bot token, and reading
/// no more than the limit; otherwise it is passed on without content and the command answers why.
/// </summary>
internal sealed partial class DiscordAttachments(HttpClient http, DiscordOptions options, ILogger<DiscordAttachments> logger)
{
    public const int OptionType = 11;

    public static bool HasFiles(DiscordInteraction interaction) => interaction.Data?.Resolved?.Attachments is { Count: > 0 };

    public async Task<IReadOnlyList<Attachment>> FetchAsync(DiscordInteraction interaction, OptionSpec? option, CancellationToken ct)
    {
        var resolved = interaction.Data?.Resolved?.Attachments ?? [];
        var files = new List<Attachment>();
        foreach (var id in AttachmentIds(interaction.Data?.Options ?? []))
        {
            if (!resolved.TryGetValue(id, out var attachment))
            {
                continue;
            }

            var type = attachment.ContentType ?? "application/octet-stream";
            if (option is null || CommandFiles.Check(option, attachment.Filename, attachment.Size) is not null)
            {
                files.Add(new Attachment(attachment.Filename, type, [], attachment.Size));
                continue;
            }

            files.Add(new Attachment(attachment.Filename, type, await DownloadAsync(attachment, option.MaxBytes, ct), attachment.Size));
        }

        return files;
    }

    private async Task<byte[]> DownloadAsync(DiscordAttachment attachment, long maxBytes, CancellationToken ct)
    {
        if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")
            || !options.AttachmentHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
        {
            LogRefusedHost(attachment.Id, url?.Host ?? "(no URL)");
            return [];
        }

        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                // The declared size was checked; the body is held to the limit too, whatever the CDN sends.
                if (buffer.Length + read > maxBytes)
                {
                    LogTooLong(attachment.Id, maxBytes);
                    return [];
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogDownloadFailed(attachment.Id, e.GetType().Name, e.Message);
            return [];
        }
    }

    /// <summary>Attachment option values in the order given, subcommands included.</summary>
    private static IEnumerable<string> AttachmentIds(IEnumerable<InteractionOption> options)
    {
        foreach (var option in options)
        {
            if (option.Type == OptionType && option.Value?.GetString() is { } id)
            {
                yield return id;
            }

            foreach (var nested in AttachmentIds(option.Options ?? []))
            {
                yield return nested;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} not downloaded: its host {Host} is not in Discord:AttachmentHosts")]
    private partial void LogRefusedHost(string attachmentId, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} not downloaded: the body passed {Limit} bytes")]
    private partial void LogTooLong(string attachmentId, long limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} could not be downloaded: {Error} {Message}")]
    private partial void LogDownloadFailed(string attachmentId, string error, string message);
}
