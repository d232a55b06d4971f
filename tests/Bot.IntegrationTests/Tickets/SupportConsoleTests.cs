using Bot.IntegrationTests.Support;
using Npgsql;

namespace Bot.IntegrationTests.Tickets;

public sealed class SupportConsoleTests
{
    [Fact]
    public async Task Faq_answer_ticket_relay_both_ways_close_and_rating_through_the_real_host()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var lines = await ConsoleScript.RunAsync(
            """
            :staff boss owner
            :staff bob support
            boss: /faq add 如何重設密碼 | how do I reset my password => Settings → Account → Reset password. #account
            alice: how do I reset my password?
            :press alice b2 faq:up:1
            alice: /ticket open my order is late
            dm alice: more details: order 123
            # The console numbers results by executed action: the thread is the fourth.
            :channel staff-thread-4
            bob: Thanks, checking now
            bob: /ticket note customer is upset
            bob: /ticket close shipped today
            :press alice b9 ticket:rate:1:5
            """,
            database);

        Assert.Contains(lines, l => l.StartsWith("Reply channelId=general text=\"Settings → Account → Reset password.\"", StringComparison.Ordinal)
            && l.Contains("faq:up:1", StringComparison.Ordinal) && l.Contains("ticket:open", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("OpenStaffThread title=\"Ticket #1: my order is late\"", StringComparison.Ordinal) && l.Contains("correlation=ticket:1", StringComparison.Ordinal));
        // The relayed line reports its id back, so staff may answer it by replying to it.
        Assert.Contains(lines, l => l.StartsWith("PostToStaff text=\"💬 alice: more details: order 123\" threadId=staff-thread-4", StringComparison.Ordinal)
            && l.Contains("correlation=ticket-line:1", StringComparison.Ordinal));
        Assert.Contains("DirectMessage user=alice text=\"💬 [#1] bob (staff): Thanks, checking now\"", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("DirectMessage", StringComparison.Ordinal) && l.Contains("upset", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("DirectMessage user=alice", StringComparison.Ordinal) && l.Contains("ticket:rate:1:5", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("rated ticket #1 5/5", StringComparison.Ordinal));

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            // member line, staff reply, note, closing line
            "select rating::text || ' ' || status || ' ' || (select count(*) from ticket_messages m where m.ticket_id = t.id) from tickets t where id = 1", connection);
        Assert.Equal("5 closed 4", (string?)await query.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Help_channel_offers_staff_escalates_a_breached_ticket_and_gaps_and_import_work()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            :staff boss owner
            boss: /settings helpchannel help
            :channel help
            carol: my screen is purple
            :press carol b2 ticket:open
            :advance 20m
            boss: /faq gaps
            boss: /faq import - {questions: [退款要多久, how long does a refund take], answer: Seven working days., tags: [billing]}
            carol: 退款要多久？
            """);

        Assert.Contains(lines, l => l.StartsWith("Reply channelId=help text=\"I don't have an answer", StringComparison.Ordinal) && l.Contains("ticket:open", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("OpenStaffThread", StringComparison.Ordinal) && l.Contains("> my screen is purple", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PostToStaff text=\"⏰ Ticket #1", StringComparison.Ordinal) && l.Contains("Managers: @boss", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("1× my screen is purple", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Imported: 1 added, 0 updated.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Reply channelId=help text=\"Seven working days.\"", StringComparison.Ordinal));
    }
}
