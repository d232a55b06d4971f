namespace Bot.Adapters.Discord;

/// <summary>Discord permission bits the bot asks for or checks.</summary>
internal static class DiscordPermissions
{
    public const ulong CreateInstantInvite = 1UL << 0;
    public const ulong KickMembers = 1UL << 1;
    public const ulong BanMembers = 1UL << 2;
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageChannels = 1UL << 4;
    public const ulong ManageGuild = 1UL << 5;
    public const ulong AddReactions = 1UL << 6;
    public const ulong ViewChannel = 1UL << 10;
    public const ulong SendMessages = 1UL << 11;
    public const ulong ManageMessages = 1UL << 13;
    public const ulong EmbedLinks = 1UL << 14;
    public const ulong AttachFiles = 1UL << 15;
    public const ulong ReadMessageHistory = 1UL << 16;
    public const ulong ManageRoles = 1UL << 28;
    public const ulong ManageThreads = 1UL << 34;
    public const ulong CreatePublicThreads = 1UL << 35;
    public const ulong SendMessagesInThreads = 1UL << 38;
    public const ulong ModerateMembers = 1UL << 40;

    /// <summary>What the invite URL asks for (docs/discord.md lists them).</summary>
    public const ulong BotInvite = CreateInstantInvite | KickMembers | BanMembers | ManageGuild | AddReactions
        | ViewChannel | SendMessages | ManageMessages | EmbedLinks | AttachFiles | ReadMessageHistory | ManageRoles
        | ManageThreads | CreatePublicThreads | SendMessagesInThreads | ModerateMembers;
}
