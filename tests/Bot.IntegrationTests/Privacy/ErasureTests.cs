using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Privacy;

public sealed class ErasureTests
{
    [Fact]
    public async Task Staff_erasure_leaves_no_row_holding_the_member_id_or_name()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await ConsoleScript.RunAsync(
            """
            :staff owner1 owner
            :join zed9quux
            zed9quux: hello everyone, 我是新來的
            zed9quux: /help
            zed9quux: /invite
            owner1: /thanks @zed9quux
            zed9quux: /thanks @owner1
            :advance 2m
            zed9quux: thanks for the warm welcome everybody
            owner1: /tier spend @zed9quux 100
            :staff mod1 moderator
            mod1: /warn @zed9quux testing erasure
            zed9quux: /appeal 1 that was not me
            zed9quux: 請問怎麼樣才能升級成核心用戶？
            zed9quux: /ticket open 帳號問題
            dm zed9quux: 我的帳號 zed9quux 無法登入
            :staff zed9quux specialist
            zed9quux: /post new 我的貼文 | 內容
            owner1: /giveaway start 禮物 1h 1
            :press zed9quux m1 giveaway:enter:1
            :advance 2h
                        owner1: /staff grant @zed9quux support
            zed9quux: /mydata export
            """, connectionString);
        var before = await ErasureScan.PlacesHoldingAsync(connectionString, "zed9quux");
        foreach (var table in new[] { "members", "messages", "staff_grants", "audit_log", "tier_ledger", "tier_members", "invite_links", "moderation_infractions", "tickets", "ticket_messages", "content_posts", "giveaway_entries", "giveaways", "faq_questions" })
        {
            Assert.True(before.Exists(p => p.StartsWith(table + ".", StringComparison.Ordinal)), $"no {table} row before erasure: {string.Join(", ", before)}");
        }

        await using var connection = new NpgsqlConnection(connectionString);
        // Text the member wrote that names nobody: their appeal in the audit log, their question in the FAQ's gap list.
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from audit_log where reason like '%that was not me%'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from faq_gaps where sample like '%升級成核心用戶%'"));

        var lines = await ConsoleScript.RunAsync("owner1: /privacy erase @zed9quux", connectionString);

        Assert.Contains(lines, l => l.Contains("Erased:", StringComparison.Ordinal));
        var left = await ErasureScan.PlacesHoldingAsync(connectionString, "zed9quux");
        Assert.True(left.Count == 0, "still holding the member: " + string.Join(", ", left));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from audit_log where reason like '%that was not me%'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from faq_gaps where sample like '%升級成核心用戶%'"));
        Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from audit_log where target_id like 'erased-%'") >= 2);
    }

    [Fact]
    public async Task A_member_exports_privately_and_erases_only_after_confirming()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        var lines = await ConsoleScript.RunAsync(
            """
            amy7: hi there
            amy7: /mydata export
            amy7: /mydata erase
            bob: hi
            :press bob m3 privacy:erase:amy7
            """, connectionString);

        Assert.Contains(lines, l => l.StartsWith("DirectMessage user=amy7", StringComparison.Ordinal) && l.Contains("file=mydata-amy7.json", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("privacy:erase:amy7", StringComparison.Ordinal));
        // The confirmation says what stays: the moderation record, pseudonymised, until its strikes expire.
        Assert.Contains(lines, l => l.Contains("moderation record", StringComparison.Ordinal) && l.Contains("pseudonym", StringComparison.Ordinal));
        Assert.NotEmpty(await ErasureScan.PlacesHoldingAsync(connectionString, "amy7"));

        lines = await ConsoleScript.RunAsync(":press amy7 m3 privacy:erase:amy7", connectionString);

        Assert.Contains(lines, l => l.Contains("Your data has been erased", StringComparison.Ordinal));
        Assert.Empty(await ErasureScan.PlacesHoldingAsync(connectionString, "amy7"));
    }
}
