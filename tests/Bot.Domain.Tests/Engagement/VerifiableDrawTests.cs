using System.Security.Cryptography;
using System.Text;
using Bot.Domain.Engagement.Giveaways;

namespace Bot.Domain.Tests.Engagement;

public sealed class VerifiableDrawTests
{
    private static readonly string[] Five = ["erin", "alice", "dave", "bob", "carol"];

    private static byte[] Seed(int n) => SHA256.HashData(BitConverter.GetBytes(n));

    [Fact]
    public void Recomputing_from_the_revealed_seed_gives_the_same_order_whatever_order_entries_came_in()
    {
        var seed = Seed(7);
        var first = VerifiableDraw.Order(seed, Five);
        var again = VerifiableDraw.Order(seed, [.. Five.Reverse(), "alice"]);

        Assert.Equal(first, again);
        Assert.Equal(Five.Order(StringComparer.Ordinal), first.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_draw_matches_the_reference_script_in_the_docs()
    {
        // Output of the Python script in docs/events.md for seed 01..20 (hex), an independent implementation.
        var seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        Assert.Equal("ae216c2ef5247a3782c135efa279a3e4cdc61094270f5d2be58c6204b7a612c9", VerifiableDraw.Commitment(seed));
        Assert.Equal(["dave", "bob", "alice", "carol", "erin"], VerifiableDraw.Order(seed, Five));
        Assert.Equal(["carol", "bob", "dave", "erin", "alice", "frank"], VerifiableDraw.Order(seed, [.. Five, "frank"]));
    }

    [Fact]
    public void Changing_one_entry_reshuffles_everyone_else()
    {
        var changed = 0;
        for (var n = 0; n < 20; n++)
        {
            var before = VerifiableDraw.Order(Seed(n), Five).Where(e => e != "erin");
            var after = VerifiableDraw.Order(Seed(n), [.. Five.Where(e => e != "erin"), "erik"]).Where(e => e != "erik");
            changed += before.SequenceEqual(after) ? 0 : 1;
        }

        // Four people have 24 orders, so about one seed in 24 keeps theirs by chance.
        Assert.True(changed >= 15, $"only {changed} of 20 draws changed");
    }

    [Fact]
    public void The_commitment_is_the_sha256_of_the_seed_and_no_other_seed_matches_it()
    {
        var seed = Seed(1);
        var commitment = VerifiableDraw.Commitment(seed);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(seed)), commitment);
        Assert.True(VerifiableDraw.Matches(seed, commitment.ToUpperInvariant()));
        Assert.False(VerifiableDraw.Matches(Seed(2), commitment));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(33)]
    [InlineData(1000)]
    public void The_order_is_a_permutation_of_the_distinct_entrants(int count)
    {
        var entrants = Enumerable.Range(0, count).Select(i => "u" + i).ToList();

        var order = VerifiableDraw.Order(Seed(count), [.. entrants, .. entrants.Take(3)]);

        Assert.Equal(entrants.Order(StringComparer.Ordinal), order.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_entrant_wins_about_equally_often_over_many_seeds()
    {
        var wins = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0, ["c"] = 0 };
        for (var n = 0; n < 3000; n++)
        {
            wins[VerifiableDraw.Order(Seed(n), ["a", "b", "c"])[0]]++;
        }

        // Expected 1000 each; 150 is over five standard deviations.
        Assert.All(wins.Values, count => Assert.InRange(count, 850, 1150));
    }

    [Fact]
    public void Ids_are_ordered_by_their_utf8_bytes()
    {
        // U+FF5E sorts after U+1F600 in UTF-16 ordinal order but before it in UTF-8 (code point) order.
        string[] ids = ["\U0001F600", "\uFF5E", "z"];

        Assert.Equal(["z", "\uFF5E", "\U0001F600"], VerifiableDraw.Canonical(ids));
        Assert.True(Encoding.UTF8.GetBytes("\uFF5E").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes("\U0001F600")) < 0);
    }
}
