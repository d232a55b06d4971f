namespace Bot.IntegrationTests.Core;

/// <summary>The README's tour (demo/tour.txt) runs through every feature on the console and does what it says.</summary>
public sealed class TourTests
{
    [Fact]
    public async Task The_demo_tour_exercises_every_feature()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "CommunityBot.sln")))
        {
            dir = dir.Parent;
        }

        var lines = await ConsoleScript.RunAsync(await File.ReadAllTextAsync(Path.Combine(dir.FullName, "demo", "tour.txt")));

        string[] expected =
        [
            "DeleteMessage channelId=general messageId=m4",
            "CreateInviteLink forUser=alice",
            "OpenStaffThread title=\"Ticket #1",
            "PostToStaff text=\"Post #1",
            "DirectMessage user=sam text=\"Your post #1",
            "Reply channelId=general text=\"🎁 Giveaway #1",
            "PostToStaff text=\"⏰ Ticket #1",
            "Reply channelId=general text=\"Community figures",
            "Reply channelId=general text=\"Everything CommunityBot holds about you",
        ];
        foreach (var start in expected)
        {
            Assert.True(lines.Any(l => l.StartsWith(start, StringComparison.Ordinal)), $"no line starting {start}:\n{string.Join("\n", lines)}");
        }

        Assert.Contains(lines, l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("text=活動每週六晚上八點開始。", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }
}
