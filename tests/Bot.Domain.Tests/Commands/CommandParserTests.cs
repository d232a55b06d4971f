using Bot.Domain.Commands;
using Bot.Domain.Core;
using Bot.Domain.Model;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Commands;

public sealed class CommandParserTests
{
    private static readonly CommandSpec Ban = new("ban", "HelpDescription", Permission.Moderate, CoreText.Texts,
    [
        new("user", OptionKind.User, "OptionUser"),
        new("duration", OptionKind.Duration, "OptionUser", Required: false),
        new("reason", OptionKind.Text, "OptionUser"),
    ]);

    private static readonly CommandSpec Purge = new("purge", "HelpDescription", Permission.Moderate, CoreText.Texts,
    [
        new("count", OptionKind.Integer, "OptionUser", Min: 1, Max: 100),
        new("mode", OptionKind.Choice, "OptionUser", Required: false, Choices: ["all", "bots"]),
    ]);

    private static Task<(UserRef?, ParseError?)> Known(string token, CancellationToken ct) =>
        Task.FromResult<(UserRef?, ParseError?)>((token == "@bob" ? new UserRef(Platform.Console, "bob") : null, null));

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("7d", 604800)]
    [InlineData("1w", 604800)]
    [InlineData("1h30m", 5400)]
    public void Durations_parse(string text, int seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("m")]
    [InlineData("10x")]
    [InlineData("0m")]
    [InlineData("999w")]
    public void Bad_durations_do_not_parse(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public async Task Optional_duration_is_skipped_when_the_next_word_is_not_one()
    {
        var (options, error) = await CommandParser.ParseAsync(Ban, "@bob spamming links", Platform.Console, null, Known, default);

        Assert.Null(error);
        Assert.Equal("bob", options!.User("user").Id);
        Assert.Null(options.OptionalDuration("duration"));
        Assert.Equal("spamming links", options.Text("reason"));
    }

    [Fact]
    public async Task Optional_duration_is_taken_when_present()
    {
        var (options, _) = await CommandParser.ParseAsync(Ban, "@bob 7d 「廣告 洗版」", Platform.Console, null, Known, default);

        Assert.Equal(TimeSpan.FromDays(7), options!.Duration("duration"));
        Assert.Equal("廣告 洗版", options.Text("reason"));
    }

    [Fact]
    public async Task Platform_mentions_carry_the_id()
    {
        var (options, _) = await CommandParser.ParseAsync(Ban, "<@!123456> spam", Platform.Discord, null, Known, default);
        Assert.Equal(new UserRef(Platform.Discord, "123456"), options!.User("user"));
    }

    [Fact]
    public async Task A_reply_supplies_the_user()
    {
        var replied = new UserRef(Platform.Telegram, "42");
        var (options, error) = await CommandParser.ParseAsync(Ban, "flooding", Platform.Telegram, replied, Known, default);

        Assert.Null(error);
        Assert.Equal(replied, options!.User("user"));
        Assert.Equal("flooding", options.Text("reason"));
    }

    [Fact]
    public async Task Unknown_user_is_a_specific_error()
    {
        var (options, error) = await CommandParser.ParseAsync(Ban, "@nobody spam", Platform.Console, null, Known, default);
        Assert.Null(options);
        Assert.Equal(new ParseError("UnknownUser", "@nobody").Key, error!.Key);
        Assert.Equal("@nobody", error.Args[0]);
    }

    [Fact]
    public async Task Missing_required_text_names_the_option()
    {
        var (_, error) = await CommandParser.ParseAsync(Ban, "@bob", Platform.Console, null, Known, default);
        Assert.Equal("MissingOption", error!.Key);
        Assert.Equal("reason", error.Args[0]);
    }

    [Theory]
    [InlineData("0", "BadInteger")]
    [InlineData("500", "BadInteger")]
    [InlineData("ten", "BadInteger")]
    [InlineData("5 all everyone", "TooManyArguments")]
    [InlineData("", "MissingOption")]
    public async Task Bad_integers_and_extra_words_are_refused(string arguments, string key)
    {
        var (options, error) = await CommandParser.ParseAsync(Purge, arguments, Platform.Console, null, Known, default);
        Assert.Null(options);
        Assert.Equal(key, error!.Key);
    }

    [Theory]
    [InlineData(1L, null, "BadIntegerAtLeast", "at least 1,")]
    [InlineData(null, 9L, "BadIntegerAtMost", "at most 9,")]
    [InlineData(null, null, "BadIntegerAny", "a whole number, not")]
    public async Task A_bad_integer_names_only_the_bounds_the_option_has(long? min, long? max, string key, string shown)
    {
        var spec = new CommandSpec("pardon", "HelpDescription", Permission.Moderate, CoreText.Texts, [new("id", OptionKind.Integer, "OptionUser", Min: min, Max: max)]);

        var (_, error) = await CommandParser.ParseAsync(spec, "x1", Platform.Console, null, Known, default);

        Assert.Equal(key, error!.Key);
        var message = CoreText.Texts.Get(System.Globalization.CultureInfo.GetCultureInfo("en"), error.Key, error.Args);
        Assert.Contains(shown, message, StringComparison.Ordinal);
        Assert.DoesNotContain("9223372036854775807", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_last_optional_value_is_named_not_called_extra()
    {
        var (options, error) = await CommandParser.ParseAsync(Purge, "5 humans", Platform.Console, null, Known, default);
        Assert.Null(options);
        Assert.Equal("BadChoice", error!.Key);
        Assert.Equal("humans", error.Args[1]);
    }

    [Fact]
    public async Task Choices_are_case_insensitive()
    {
        var (options, _) = await CommandParser.ParseAsync(Purge, "5 BOTS", Platform.Console, null, Known, default);
        Assert.Equal(5, options!.Integer("count"));
        Assert.Equal("bots", options.Choice("mode"));
    }

    [Fact]
    public void Usage_shows_required_and_optional_parts()
    {
        Assert.Equal("/ban <user> [duration] <reason>", Ban.Usage("ban"));
        Assert.Equal("/purge <count> [all|bots]", Purge.Usage("purge"));
    }

    [Fact]
    public async Task Usage_names_a_long_choice_list_and_a_wrong_value_lists_every_choice()
    {
        string[] metrics = [.. Enumerable.Range(1, 11).Select(i => $"m{i}")];
        var export = new CommandSpec("export", "HelpDescription", Permission.ViewStats, CoreText.Texts, [new("metric", OptionKind.Choice, "OptionUser", Choices: metrics)]);

        var (_, error) = await CommandParser.ParseAsync(export, "m99", Platform.Console, null, Known, default);

        Assert.Equal("/export <metric>", export.Usage("export"));
        Assert.Equal("BadChoice", error!.Key);
        Assert.Equal(string.Join(", ", metrics), error.Args[2]);
    }
}
