using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Batch;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary>
/// <c>pipeline profile=1</c>: wraps every registered feature and preloader to add up the CPU time its thread spent in
/// it (Linux thread CPU clock), so the bench prints where a message's CPU goes. A call that awaits I/O is counted up
/// to its first await only (its continuation runs later, on any thread), so the figures are CPU, never waiting.
/// </summary>
public sealed partial class FeatureProfile
{
    private readonly ConcurrentDictionary<string, long[]> _nanos = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long[]> _wallTicks = new(StringComparer.Ordinal);

    /// <summary>Makes the host's container with every feature and preloader timed (the services are complete by then).</summary>
    public IServiceProviderFactory<IServiceCollection> Factory() => new WrappingFactory(this);

    private void Wrap(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType == typeof(IFeature) && d.ImplementationType is { } feature)
            {
                services[i] = new ServiceDescriptor(typeof(IFeature), sp => new TimedFeature((IFeature)ActivatorUtilities.CreateInstance(sp, feature), this), d.Lifetime);
            }
            else if (d.ServiceType == typeof(IBatchPreloader) && d.ImplementationType is { } preloader)
            {
                services[i] = new ServiceDescriptor(typeof(IBatchPreloader), sp => new TimedPreloader((IBatchPreloader)ActivatorUtilities.CreateInstance(sp, preloader), preloader.DeclaringType?.Name ?? preloader.Name, this), d.Lifetime);
            }
        }
    }

    public void Reset()
    {
        _nanos.Clear();
        _wallTicks.Clear();
    }

    public void Print(int events, double processCpuMs)
    {
        var total = _nanos.Values.Sum(v => v[0]) / 1e6;
        Console.WriteLine($"  cpu per event   {processCpuMs / events * 1000:F1} µs in all; measured parts ({total / events * 1000:F1} µs):");
        foreach (var (name, v) in _nanos.OrderByDescending(p => p.Value[0]))
        {
            var wall = _wallTicks.TryGetValue(name, out var w) ? $"   {TimeSpan.FromTicks(w[0]).TotalMilliseconds / v[1],6:F1} ms wall/call" : string.Empty;
            Console.WriteLine($"    {name,-34} {v[0] / 1e3 / events,8:F1} µs/event   {v[1] / (double)events,5:F2} calls/event{wall}");
        }
    }

    private void AddWall(string name, TimeSpan elapsed) =>
        Interlocked.Add(ref _wallTicks.GetOrAdd(name, _ => new long[1])[0], elapsed.Ticks);

    private void Add(string name, long nanos)
    {
        var v = _nanos.GetOrAdd(name, _ => new long[2]);
        Interlocked.Add(ref v[0], nanos);
        Interlocked.Increment(ref v[1]);
    }

    private static long ThreadNanos()
    {
        _ = ClockGetTime(3, out var ts); // CLOCK_THREAD_CPUTIME_ID
        return (ts.Seconds * 1_000_000_000L) + ts.Nanos;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanos;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    private sealed class WrappingFactory(FeatureProfile profile) : IServiceProviderFactory<IServiceCollection>
    {
        public IServiceCollection CreateBuilder(IServiceCollection services)
        {
            profile.Wrap(services);
            return services;
        }

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => containerBuilder.BuildServiceProvider();
    }

    private sealed class TimedFeature(IFeature inner, FeatureProfile profile) : IFeature
    {
        public string Name => inner.Name;

        public int Order => inner.Order;

        public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
        {
            var started = ThreadNanos();
            var task = inner.HandleAsync(context, ct);
            profile.Add($"feature {inner.Name}", ThreadNanos() - started);
            return task;
        }
    }

    private sealed class TimedPreloader(IBatchPreloader inner, string name, FeatureProfile profile) : IBatchPreloader
    {
        // Its wall time too: a preload that locks rows (the standings) waits there for other batches' commits.
        public async Task PreloadAsync(DbSession db, IReadOnlyList<ChatEvent> events, CancellationToken ct)
        {
            var (started, wall) = (ThreadNanos(), System.Diagnostics.Stopwatch.GetTimestamp());
            var task = inner.PreloadAsync(db, events, ct);
            profile.Add($"preload {name}", ThreadNanos() - started);
            await task;
            profile.AddWall($"preload {name}", System.Diagnostics.Stopwatch.GetElapsedTime(wall));
        }
    }
}
