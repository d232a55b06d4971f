using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Tiering;

namespace Bot.Domain.Tests.Tiering;

/// <summary>The webhook's signature rule and the purchase it reports, credited like an imported row.</summary>
public sealed class SpendingWebhookTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"order_id":"W1","member":"bob","amount":100}""");

    [Fact]
    public void A_signature_over_timestamp_and_body_is_accepted_and_anything_else_refused()
    {
        var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = SpendingSignature.Sign(Secret, timestamp, Body);

        Assert.Equal(SignatureCheck.Valid, SpendingSignature.Verify(Secret, timestamp, signature, Body, Now.AddMinutes(4)));
        Assert.Equal(SignatureCheck.Mismatch, SpendingSignature.Verify(Secret, timestamp, signature, Encoding.UTF8.GetBytes("""{"order_id":"W1","member":"bob","amount":900}"""), Now));
        Assert.Equal(SignatureCheck.Mismatch, SpendingSignature.Verify("another-secret-another-secret-xx", timestamp, signature, Body, Now));
        Assert.Equal(SignatureCheck.Mismatch, SpendingSignature.Verify(Secret, timestamp, "sha256=zz", Body, Now));
        Assert.Equal(SignatureCheck.Stale, SpendingSignature.Verify(Secret, timestamp, signature, Body, Now.AddMinutes(6)));
        Assert.Equal(SignatureCheck.Missing, SpendingSignature.Verify(Secret, null, signature, Body, Now));
        Assert.Equal(SignatureCheck.Missing, SpendingSignature.Verify(Secret, timestamp, null, Body, Now));
    }

    [Fact]
    public async Task A_reported_purchase_is_credited_once_and_an_unmatched_one_is_told_to_staff()
    {
        var store = new FakeTieringStore();
        var members = new FakeMemberStore();
        var spending = new FakeSpendingStore { Ledger = store };
        var options = new TieringOptions();
        members.Add(World.Community, World.User("bob"), Now);
        var feature = new SpendingFeature(new SpendingLedger(store, spending, members, options));
        var (row, _) = SpendingRow.Create(1, "bob", "100", "TWD", null, "W1", TimeZoneInfo.Utc, Now);

        await feature.HandleAsync(World.Context(new SpendingReported("spend:1", World.Community, Now, row!), Now), default);
        await feature.HandleAsync(World.Context(new SpendingReported("spend:2", World.Community, Now, row!), Now), default);

        Assert.Equal(10, store.Standings[World.User("bob")].Spending, 6);
        Assert.Equal("webhook", Assert.Single(spending.Records).Source);

        var (stranger, _) = SpendingRow.Create(1, "who@example.com", "5", null, null, "W2", TimeZoneInfo.Utc, Now);
        var told = await feature.HandleAsync(World.Context(new SpendingReported("spend:3", World.Community, Now, stranger!), Now), default);
        Assert.Contains("order W2", Assert.IsType<PostToStaff>(Assert.Single(told)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_idempotency_key_is_the_order_id_or_the_same_hash_for_the_same_values()
    {
        var zone = TimeZoneInfo.Utc;
        var a = SpendingRow.Create(2, "Bob", "100.0", "twd", "2025-03-01", null, zone, Now).Row!;
        var b = SpendingRow.Create(9, "bob", "100", "TWD", "2025-03-01T00:00:00Z", null, zone, Now).Row!;
        var c = SpendingRow.Create(2, "bob", "101", "TWD", "2025-03-01", null, zone, Now).Row!;

        Assert.Equal(a.Key, b.Key);
        Assert.NotEqual(a.Key, c.Key);
        Assert.Equal("order:X", SpendingRow.Create(2, "bob", "1", null, null, "X", zone, Now).Row!.Key);
    }
}
