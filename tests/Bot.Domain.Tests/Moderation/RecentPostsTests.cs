using Bot.Domain.Model;
using Bot.Domain.Moderation;

namespace Bot.Domain.Tests.Moderation;

public sealed class RecentPostsTests
{
    [Fact]
    public void Keeps_a_day_per_member_and_forgets_silent_members_when_large()
    {
        var posts = new RecentPosts();
        var community = new CommunityRef(Platform.Console, "c");
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var carol = new UserRef(Platform.Console, "carol");
        posts.Add(community, carol, new RecentPost(start, "a", "m1", 1));

        var recent = posts.Add(community, carol, new RecentPost(start.AddHours(25), "a", "m2", 1));
        Assert.Equal(["m2"], recent.Select(p => p.MessageId));

        for (var i = 0; i < 50_001; i++)
        {
            posts.Add(community, new UserRef(Platform.Console, $"u{i}"), new RecentPost(start, "a", "m", 1));
        }

        posts.Add(community, carol, new RecentPost(start.AddDays(3), "a", "m3", 1));
        Assert.Equal(1, posts.MemberCount);
    }

    [Fact]
    public void A_post_added_without_a_copy_is_still_remembered()
    {
        var posts = new RecentPosts();
        var community = new CommunityRef(Platform.Console, "c");
        var carol = new UserRef(Platform.Console, "carol");
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Empty(posts.Add(community, carol, new RecentPost(start, "a", "m1", 1), copy: false));

        Assert.Equal(["m1", "m2"], posts.Add(community, carol, new RecentPost(start.AddMinutes(1), "a", "m2", 1)).Select(p => p.MessageId));
    }
}
