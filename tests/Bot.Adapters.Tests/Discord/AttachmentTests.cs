using System.Text;
using System.Text.Json.Nodes;
using Bot.Adapters.Tests.Discord.Fakes;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Events;
using Bot.Domain.Staff;
using Bot.Domain.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Tests.Discord;

/// <summary>A slash command's attachment option: registered as type 11, resolved from the interaction, downloaded from the fake CDN within limits.</summary>
public sealed class AttachmentTests : IAsyncLifetime
{
    private DiscordAdapterRun _run = null!;

    public async Task InitializeAsync()
    {
        _run = await DiscordAdapterRun.StartAsync(o => o.AttachmentHosts = ["127.0.0.1"], s => s.AddScoped<ICommandHandler, ImportCommand>());
        await _run.Gateway.DispatchAsync("GUILD_CREATE", """{"id":"10","owner_id":"99","roles":[{"id":"10","name":"@everyone","permissions":"0"}],"channels":[{"id":"20","type":0}]}""");
    }

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [Fact]
    public async Task The_file_option_is_registered_as_an_attachment_option()
    {
        var registration = await _run.Fake.WaitForAsync("PUT", "/applications/800/commands");
        var import = registration.Json!.AsArray().Single(c => (string)c!["name"]! == "shop")!["options"]!.AsArray().Single()!;
        var file = import["options"]!.AsArray().Single(o => (string)o!["name"]! == "file")!;
        Assert.Equal(11, (int)file["type"]!);
        Assert.True((bool)file["required"]!);
    }

    [Fact]
    public async Task A_resolved_attachment_is_downloaded_from_the_cdn_without_the_bot_token()
    {
        var csv = Encoding.UTF8.GetBytes("member,amount\nbob,100\n");
        var url = _run.Fake.ServeAttachment("20", "555", "spend.csv", csv);

        await _run.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction("901", "555", "spend.csv", csv.Length, url, "member=Buyer"));

        var command = await _run.Pipeline.NextAsync<CommandInvoked>();
        Assert.Equal(("shop", "import member=Buyer"), (command.Name, command.Arguments));
        var file = Assert.Single(command.Attachments!);
        Assert.Equal(("spend.csv", "text/csv", csv.Length), (file.FileName, file.ContentType, file.Content.Length));
        Assert.Equal(csv, file.Content);
        var download = Assert.Single(_run.Fake.CdnRequests);
        Assert.False(download.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task A_file_over_the_limit_or_of_another_type_or_elsewhere_is_not_downloaded()
    {
        var big = _run.Fake.ServeAttachment("20", "556", "big.csv", new byte[10]);
        var sheet = _run.Fake.ServeAttachment("20", "557", "spend.xlsx", new byte[10]);
        await _run.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction("902", "556", "big.csv", 5 * 1024 * 1024, big));
        var tooLarge = Assert.Single((await _run.Pipeline.NextAsync<CommandInvoked>()).Attachments!);
        await _run.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction("903", "557", "spend.xlsx", 10, sheet));
        await _run.Pipeline.WaitForAsync<CommandInvoked>(2);
        await _run.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction("904", "558", "spend.csv", 10, "https://evil.example/attachments/x.csv"));
        await _run.Pipeline.WaitForAsync<CommandInvoked>(3);

        var commands = _run.Pipeline.Events.OfType<CommandInvoked>().ToList();
        Assert.Equal(("big.csv", 5L * 1024 * 1024, false), (tooLarge.FileName, tooLarge.Size, tooLarge.IsDownloaded));
        Assert.False(commands[1].Attachments![0].IsDownloaded);
        Assert.False(commands[2].Attachments![0].IsDownloaded);
        Assert.Empty(_run.Fake.CdnRequests);
        Assert.Contains("not in Discord:AttachmentHosts", _run.Logs.All, StringComparison.Ordinal);
    }

    private static string Interaction(string id, string attachmentId, string fileName, long size, string url, string? columns = null)
    {
        var options = new JsonArray(new JsonObject { ["name"] = "file", ["type"] = 11, ["value"] = attachmentId });
        if (columns is not null)
        {
            options.Add(new JsonObject { ["name"] = "columns", ["type"] = 3, ["value"] = columns });
        }

        return new JsonObject
        {
            ["id"] = id, ["application_id"] = "800", ["type"] = 2, ["token"] = "itok", ["guild_id"] = "10", ["channel_id"] = "20",
            ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "30", ["username"] = "alice" }, ["roles"] = new JsonArray(), ["permissions"] = "32" },
            ["data"] = new JsonObject
            {
                ["id"] = "1", ["name"] = "shop", ["type"] = 1,
                ["options"] = new JsonArray(new JsonObject { ["name"] = "import", ["type"] = 1, ["options"] = options }),
                ["resolved"] = new JsonObject
                {
                    ["attachments"] = new JsonObject
                    {
                        [attachmentId] = new JsonObject
                        {
                            ["id"] = attachmentId, ["filename"] = fileName, ["size"] = size, ["url"] = url, ["proxy_url"] = url, ["content_type"] = "text/csv",
                        },
                    },
                },
            },
        }.ToJsonString();
    }

    /// <summary>A command with a file option, as a feature would declare it.</summary>
    private sealed class ImportCommand : ICommandHandler
    {
        private static readonly Texts T = Bot.Domain.Tiering.TieringText.Texts;

        public IReadOnlyList<CommandSpec> Commands { get; } =
        [
            new("shop", "TierDescription", Permission.ManageTiers, T, Subcommands:
            [
                new("import", "TierImportDescription", Permission.ManageTiers, T,
                [
                    new("file", OptionKind.File, "OptionSpendingFile", FileTypes: ["csv"], MaxBytes: 1024 * 1024),
                    new("columns", OptionKind.Text, "OptionColumns", Required: false),
                ]),
            ]),
        ];

        public Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct) => Task.FromResult<IReadOnlyList<BotAction>>([]);
    }
}
