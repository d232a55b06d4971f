using Bot.Domain.Community;
using Bot.Domain.Model;
using Bot.Domain.Tests.Fakes;

namespace Bot.Domain.Tests.Community;

public sealed class ChatTrustTests
{
    private static readonly CommunityRef Telegram = new(Platform.Telegram, "-100");
    private static readonly CommunityRef Discord = new(Platform.Discord, "guild-1");
    private static readonly UserRef Owner = new(Platform.Telegram, "7");

    private static ChatFacts Facts(string chat, bool present = true, bool admin = true, string? container = null) =>
        new(chat, "Staff", Exists: true, BotPresent: present, CallerAdministers: admin, ContainerId: container);

    [Fact]
    public void A_chat_is_linked_only_where_the_bot_is_and_the_caller_administers_it()
    {
        Assert.Null(ChatTrustRules.ForLink(Telegram, Facts("-200"), null));
        Assert.Equal(ChatRefusal.BotAbsent, ChatTrustRules.ForLink(Telegram, Facts("-200", present: false), null));
        Assert.Equal(ChatRefusal.NotAdministrator, ChatTrustRules.ForLink(Telegram, Facts("-200", admin: false), null));
        Assert.Equal(ChatRefusal.NotFound, ChatTrustRules.ForLink(Telegram, ChatFacts.Unknown("-200"), null));
        Assert.Equal(ChatRefusal.Private, ChatTrustRules.ForLink(Telegram, Facts("55") with { IsPrivate = true }, null));
    }

    [Fact]
    public void A_chat_linked_to_another_community_or_in_another_guild_is_refused()
    {
        var theirs = new CommunityChat(new CommunityRef(Platform.Telegram, "-999"), "-200", ChatRole.Staff, "", Owner, DateTimeOffset.UnixEpoch);
        Assert.Equal(ChatRefusal.LinkedElsewhere, ChatTrustRules.ForLink(Telegram, Facts("-200"), theirs));
        Assert.Equal(ChatRefusal.OtherCommunity, ChatTrustRules.ForLink(Discord, Facts("c1", container: "guild-2"), null));
        Assert.Null(ChatTrustRules.ForLink(Discord, Facts("c1", container: "guild-1"), null));
    }

    [Fact]
    public void A_send_target_must_be_one_of_the_communitys_chats()
    {
        var ours = new CommunityChat(Telegram, "-300", ChatRole.Announcement, "", Owner, DateTimeOffset.UnixEpoch);
        Assert.Null(ChatTrustRules.ForTarget(Telegram, Facts("-100"), null));
        Assert.Null(ChatTrustRules.ForTarget(Telegram, Facts("-300"), ours));
        Assert.Equal(ChatRefusal.NotInCommunity, ChatTrustRules.ForTarget(Telegram, Facts("-400"), null));
        Assert.Equal(ChatRefusal.NotAdministrator, ChatTrustRules.ForTarget(Telegram, Facts("-300", admin: false), ours));
    }

    [Fact]
    public async Task The_trust_asks_the_platforms_directory_and_the_links()
    {
        var directory = new FakeChatDirectory(Platform.Telegram);
        directory.Facts["@staffroom"] = Facts("-200", admin: false);
        var links = new InMemoryChats();
        var trust = new ChatTrust([directory], links);

        var refused = await trust.ForLinkAsync(Telegram, "@staffroom", Owner, CancellationToken.None);
        var none = await new ChatTrust([], links).ForLinkAsync(Telegram, "-200", Owner, CancellationToken.None);

        Assert.Equal(ChatRefusal.NotAdministrator, refused.Refusal);
        Assert.Equal("-200", refused.ChatId);
        Assert.Equal(ChatRefusal.NotFound, none.Refusal);
    }
}
