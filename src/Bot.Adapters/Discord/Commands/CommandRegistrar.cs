using System.Collections.Frozen;
using Bot.Adapters.Discord.Rest;
using Bot.Domain.Commands;
using Bot.Domain.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Discord.Commands;

/// <summary>Registers the declared commands once per process (bulk overwrite) and knows which are staff commands.</summary>
internal sealed partial class CommandRegistrar(DiscordApi api, IServiceScopeFactory scopes, ILogger<CommandRegistrar> logger)
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private FrozenSet<string> _staffCommands = FrozenSet<string>.Empty;
    private bool _registered;

    /// <summary>Whether a deferred answer to this command should be private.</summary>
    public bool IsStaffCommand(string name) => _staffCommands.Contains(name);

    public async Task RegisterAsync(string applicationId, CancellationToken ct)
    {
        await _once.WaitAsync(ct);
        try
        {
            if (_registered)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var specs = scope.ServiceProvider.GetRequiredService<CommandCatalog>().All.ToList();
            _staffCommands = specs.Where(s => s.Visibility != Permission.Everyone).Select(s => s.Name).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
            await api.OverwriteCommandsAsync(applicationId, SlashCommandBuilder.Build(specs), ct);
            _registered = true;
            LogRegistered(specs.Count);
        }
        catch (DiscordRestException ex)
        {
            LogRegistrationFailed(ex.Message);
        }
        finally
        {
            _once.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} Discord slash commands")]
    private partial void LogRegistered(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord slash commands were not registered: {Reason}")]
    private partial void LogRegistrationFailed(string reason);
}
