using Bot.Domain.Content;
using Bot.Domain.Model;

namespace Bot.Domain.Tests.Content;

public sealed class RenderAndInputTests
{
    private static Post Post(string title, string body, params string[] tags) =>
        new(1, new CommunityRef(Platform.Telegram, "-100"), new UserRef(Platform.Telegram, "7"), title, body, tags, ["1"], PostState.Draft, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Telegram_html_escapes_text_and_turns_markdown_into_tags()
    {
        var post = Post("Q&A <live>", "**Big** news: 1 < 2 & *really* `x<y` [site](https://example.com/?a=1&b=\"2\") snake_case_name", "news", "活動");

        var html = PostRenderer.Telegram(post);

        Assert.Equal(
            "<b>Q&amp;A &lt;live&gt;</b>\n\n<b>Big</b> news: 1 &lt; 2 &amp; <i>really</i> <code>x&lt;y</code> " +
            "<a href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\">site</a> snake_case_name\n\n#news #活動",
            html);
    }

    [Fact]
    public void Telegram_leaves_unmatched_markers_and_unsafe_links_as_text()
    {
        var html = PostRenderer.Telegram(Post("T", "2 * 3 and [click](javascript:alert(1)) and ```\n<pre>\n```"));

        Assert.Equal("<b>T</b>\n\n2 * 3 and [click](javascript:alert(1)) and <pre>&lt;pre&gt;</pre>", html);
    }

    [Fact]
    public void Discord_bolds_an_escaped_title_keeps_the_body_and_defuses_mass_mentions()
    {
        var markdown = PostRenderer.Discord(Post("50*2 _sale_", "Hello @everyone and @here, **today**", "sale"));

        Assert.Equal("**50\\*2 \\_sale\\_**\n\nHello @\u200beveryone and @\u200bhere, **today**\n\n#sale", markdown);
    }

    [Fact]
    public void A_new_post_is_title_body_tags_channels_with_escaped_bars()
    {
        var (post, error) = PostInput.ParseNew("Weekly digest | Line one\\nA \\| B | #news, digest | #general <#123>");

        Assert.Null(error);
        Assert.Equal("Weekly digest", post!.Title);
        Assert.Equal("Line one\nA | B", post.Body);
        Assert.Equal(["news", "digest"], post.Tags);
        Assert.Equal(["general", "123"], post.Channels);
    }

    [Theory]
    [InlineData("Only a title", "MissingBody")]
    [InlineData(" | body", "EmptyTitle")]
    [InlineData("T | ", "EmptyBody")]
    [InlineData("T | B | bad-tag", "BadTag")]
    [InlineData("T | B | a | #x | more", "TooManyParts")]
    [InlineData("T | B | a | ", "NoChannels")]
    public void Bad_input_names_what_is_wrong(string text, string key) => Assert.Equal(key, PostInput.ParseNew(text).ErrorKey);
}
