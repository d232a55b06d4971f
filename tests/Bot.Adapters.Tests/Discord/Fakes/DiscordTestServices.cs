using System.Collections.Concurrent;
using Bot.Adapters.Discord;
using Bot.Adapters.Pipeline;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Core;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Tests.Discord.Fakes;

/// <summary>The adapter's services wired to a <see cref="FakeDiscord"/>, a recording pipeline and in-memory stores.</summary>
public static class DiscordTestServices
{
    public const string Token = "MTIzNDU2.secret-bot-token.VALUE-do-not-log";

    public static ServiceProvider Build(
        FakeDiscord fake, CapturingLoggerProvider logs, RecordingPipeline pipeline, Action<DiscordOptions>? configure = null,
        Bot.Adapters.Discord.Events.IDiscordState? state = null, Action<IServiceCollection>? moreServices = null)
    {
        var options = new DiscordOptions { BotToken = Token, ApiBaseUrl = fake.ApiBaseUrl, InteractionDeferAfter = TimeSpan.FromMilliseconds(500) };
        configure?.Invoke(options);
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(options);
        services.AddSingleton<IEventPipeline>(pipeline);
        // A data source that is never opened (dispatches set aside as poison would go there).
        services.AddSingleton(Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none"));
        services.AddSingleton<ICommunityStore, MemoryCommunityStore>();
        services.AddScoped<ICommandHandler>(_ => new StaffCommands(null!, null!, null!, null!));
        services.AddScoped<CommandCatalog>();
        if (state is not null)
        {
            services.AddSingleton(state);
        }

        services.AddDiscordAdapter();
        moreServices?.Invoke(services);
        return services.BuildServiceProvider();
    }
}

/// <summary>Records batches; an optional handler plays the domain (e.g. replies through the executor).</summary>
public sealed class RecordingPipeline : IEventPipeline
{
    private readonly ConcurrentQueue<ChatEvent> _events = new();
    private readonly ConcurrentQueue<int> _batches = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<ChatEvent, CancellationToken, Task>? OnEvent { get; set; }

    public IReadOnlyList<ChatEvent> Events => [.. _events];

    /// <summary>The size of each batch handed over, in order.</summary>
    public IReadOnlyList<int> Batches => [.. _batches];

    public async Task ProcessAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct)
    {
        _batches.Enqueue(events.Count);
        foreach (var chatEvent in events)
        {
            _events.Enqueue(chatEvent);
            Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            if (OnEvent is { } handler)
            {
                await handler(chatEvent, ct);
            }
        }
    }

    /// <summary>The latest <typeparamref name="T"/>, once there is one.</summary>
    public async Task<T> NextAsync<T>(TimeSpan? timeout = null)
        where T : ChatEvent => (await WaitForAsync<T>(1, timeout))[^1];

    /// <summary>Every <typeparamref name="T"/> so far, once there are at least <paramref name="count"/>; waits for arrivals, not for time.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(int count, TimeSpan? timeout = null)
        where T : ChatEvent
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var next = Volatile.Read(ref _arrived).Task;
            if (Events.OfType<T>().ToList() is { } found && found.Count >= count)
            {
                return found;
            }

            await next.WaitAsync(cts.Token);
        }
    }
}

public sealed class MemoryCommunityStore : ICommunityStore
{
    private readonly ConcurrentDictionary<CommunityRef, CommunitySettings> _settings = new();

    public Task<CommunitySettings?> GetAsync(CommunityRef community, CancellationToken ct) =>
        Task.FromResult(_settings.TryGetValue(community, out var s) ? s : null);

    public Task SaveAsync(CommunitySettings settings, CancellationToken ct)
    {
        _settings[settings.Community] = settings;
        return Task.CompletedTask;
    }
}
