using System.Security.Cryptography;
using Bot.Domain.Model;
using Dapper;
using Npgsql;

namespace Bot.Adapters.Telegram;

/// <summary>The adapter's own tables (migration 0200). Each call is its own short transaction.</summary>
public sealed class TelegramStore(NpgsqlDataSource db, TimeProvider time)
{
    public async Task<long?> GetOffsetAsync(long botId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "select next_update_id from telegram_offsets where bot_id = @botId", new { botId }, cancellationToken: ct));
    }

    /// <summary>Moves the offset forward only: a slower, older batch never rewinds it.</summary>
    public async Task SaveOffsetAsync(long botId, long nextUpdateId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into telegram_offsets (bot_id, next_update_id, updated_at) values (@botId, @nextUpdateId, @now)
            on conflict (bot_id) do update set next_update_id = greatest(telegram_offsets.next_update_id, excluded.next_update_id),
                                               updated_at = excluded.updated_at
            """,
            new { botId, nextUpdateId, now = time.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task GroupSeenAsync(long chatId, string title, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into telegram_groups (chat_id, title, first_seen) values (@chatId, @title, @now)
            on conflict (chat_id) do update set title = excluded.title, left_at = null
            """,
            new { chatId, title, now = time.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task GroupLeftAsync(long chatId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update telegram_groups set left_at = @now where chat_id = @chatId", new { chatId, now = time.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<long>> CurrentGroupsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(
            "select chat_id from telegram_groups where left_at is null order by chat_id", cancellationToken: ct))];
    }

    /// <summary>Records a role; false when the member already had it.</summary>
    public async Task<bool> GrantRoleAsync(string community, string userId, string role, string reason, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into telegram_roles (community, user_id, role, granted_at, reason) values (@community, @userId, @role, @now, @reason)
            on conflict do nothing
            """,
            new { community, userId, role, reason, now = time.GetUtcNow() }, cancellationToken: ct)) > 0;
    }

    public async Task<bool> RevokeRoleAsync(string community, string userId, string role, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from telegram_roles where community = @community and user_id = @userId and role = @role",
            new { community, userId, role }, cancellationToken: ct)) > 0;
    }

    /// <summary>Keeps a private answer under a fresh token for the member to fetch with the bot's start link.</summary>
    public async Task<string> HoldPrivateReplyAsync(string userId, string text, Attachment? file, CancellationToken ct)
    {
        var token = "p" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into telegram_private_replies (token, user_id, text, file_name, content_type, content, created_at)
            values (@token, @userId, @text, @fileName, @contentType, @content, @now)
            """,
            new { token, userId, text, fileName = file?.FileName, contentType = file?.ContentType, content = file?.Content, now = time.GetUtcNow() },
            cancellationToken: ct));
        return token;
    }

    /// <summary>The answer held under <paramref name="token"/> for this member, removed as it is taken; null when there is none.</summary>
    public async Task<(string Text, Attachment? File)?> TakePrivateReplyAsync(string token, string userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Text, string? FileName, string? ContentType, byte[]? Content)>(new CommandDefinition(
            "delete from telegram_private_replies where token = @token and user_id = @userId returning text, file_name, content_type, content",
            new { token, userId }, cancellationToken: ct));
        foreach (var r in rows)
        {
            return (r.Text, r.FileName is null ? null : new Attachment(r.FileName, r.ContentType ?? "application/octet-stream", r.Content ?? []));
        }

        return null;
    }
}
