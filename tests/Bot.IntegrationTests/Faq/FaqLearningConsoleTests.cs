using Bot.IntegrationTests.Support;
using Npgsql;

namespace Bot.IntegrationTests.Faq;

/// <summary>Synonyms, attaching unanswered questions and "Did you mean" picks through the real host and PostgreSQL.</summary>
public sealed class FaqLearningConsoleTests
{
    [Fact]
    public async Task A_community_synonym_and_an_attached_gap_make_questions_answerable()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var lines = await ConsoleScript.RunAsync(
            """
            :staff boss owner
            boss: /faq add 如何重設密碼 | how do I reset my password => Settings → Account → Reset password.
            boss: /faq add how do I join the guild => Press Join.
            alice: how do I join the clan?
            boss: /faq synonym add guild clan
            boss: /faq synonym add guild 公會 extra
            boss: /faq synonym list
            bob: how do I join the clan?
            boss: /faq synonym remove clan
            boss: /faq synonym remove clan
            carol: password trouble, locked out?
            boss: /faq gaps
            :press boss b30 faq:learn:2:1
            dave: password trouble, locked out?
            """,
            database);

        Assert.Contains(lines, l => l.Contains("\\\"clan\\\" is now read as \\\"guild\\\".", StringComparison.Ordinal) || l.Contains("\"clan\" is now read as \"guild\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("mixes Chinese and English", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("clan → guild", StringComparison.Ordinal));
        // Only bob's question, asked while the synonym existed, got the answer.
        Assert.Single(lines, l => l.StartsWith("Reply channelId=general text=\"Press Join.\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("The synonym \\\"clan\\\" was removed.", StringComparison.Ordinal) || l.Contains("The synonym \"clan\" was removed.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("is not one of this community's synonyms", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("1× password trouble, locked out?", StringComparison.Ordinal) && l.Contains("faq:learn:2:1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("to FAQ entry #1 as a phrasing", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Reply channelId=general text=\"Settings → Account → Reset password.\"", StringComparison.Ordinal));

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "select array_length(questions, 1)::text || ' ' || (select count(*) from faq_gaps)::text || ' ' || (select count(*) from faq_synonyms)::text from faq_entries where id = 1",
            connection);
        Assert.Equal("3 1 0", (string?)await query.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_unsure_question_offers_entries_and_the_pick_is_recorded_once_and_raises_the_entry()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var lines = await ConsoleScript.RunAsync(
            """
            :staff boss owner
            boss: /faq add 如何重設密碼 | how do I reset my password => Settings → Account → Reset password.
            boss: /faq add 如何申請退款 | how do I get a refund => Order page → Refund.
            alice: reset my password, or get a refund?
            :press alice b4 faq:pick:2
            :press alice b4 faq:pick:2
            :press bob b4 faq:pick:2
            """,
            database,
            new Dictionary<string, string?> { ["Faq:Threshold"] = "0.99", ["Faq:SuggestThreshold"] = "0.05", ["Faq:Margin"] = "0" });

        Assert.Contains(lines, l => l.StartsWith("Reply channelId=general text=\"Did you mean…?\"", StringComparison.Ordinal)
            && l.Contains("faq:pick:1", StringComparison.Ordinal) && l.Contains("faq:pick:2", StringComparison.Ordinal) && l.Contains("ticket:open", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(l => l.StartsWith("Reply channelId=general text=\"Order page → Refund.\"", StringComparison.Ordinal) && l.Contains("faq:up:2", StringComparison.Ordinal)));

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select string_agg(user_id || ':' || entry_id, ',' order by user_id) from faq_choices", connection);
        Assert.Equal("alice:2,bob:2", (string?)await query.ExecuteScalarAsync());
    }
}
