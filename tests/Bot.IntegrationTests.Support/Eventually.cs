using Xunit;

namespace Bot.IntegrationTests.Support;

/// <summary>Waits for something the bot does in the background (the sending queues, the replayer) to be true.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, TimeSpan? within = null, string? what = null) =>
        TrueAsync(() => Task.FromResult(condition()), within, what);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? within = null, string? what = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Not true within {(within ?? TimeSpan.FromSeconds(20)).TotalSeconds} s: {what ?? "the condition"}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>As above, and when it fails, says what <paramref name="describe"/> finds (the rows left, say).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<Task<string>> describe, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Not true within {(within ?? TimeSpan.FromSeconds(20)).TotalSeconds} s: {await describe()}");
            }

            await Task.Delay(50);
        }
    }
}
