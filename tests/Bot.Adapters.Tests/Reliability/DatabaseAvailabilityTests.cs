using Bot.Adapters.Postgres;
using Bot.Adapters.Reliability;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.Adapters.Tests.Reliability;

/// <summary>A lost deadlock is run again at once and is no outage; a server going away is one.</summary>
public sealed class DatabaseAvailabilityTests
{
    [Theory]
    [InlineData("40P01", true)]
    [InlineData("40001", true)]
    [InlineData("57P01", false)]
    [InlineData("53300", false)]
    [InlineData("23505", false)]
    public void Conflicts_are_deadlocks_and_serialization_failures(string sqlState, bool conflict) =>
        Assert.Equal(conflict, Transient.IsConflict(new InvalidOperationException("wrapped", Failure(sqlState))));

    [Theory]
    [InlineData("40P01", false)]
    [InlineData("57P01", true)]
    public async Task Work_that_failed_once_is_run_again_and_only_an_outage_degrades_health_meanwhile(string sqlState, bool degraded)
    {
        var availability = new DatabaseAvailability(TimeProvider.System, NullLogger<DatabaseAvailability>.Instance);
        var seenDegraded = new List<bool>();

        var result = await availability.RetryAsync(_ =>
        {
            seenDegraded.Add(availability.IsDegraded);
            return seenDegraded.Count == 1 ? throw Failure(sqlState) : Task.FromResult(42);
        }, CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal([false, degraded], seenDegraded);
        Assert.False(availability.IsDegraded);
    }

    private static PostgresException Failure(string sqlState) => new("simulated", "ERROR", "ERROR", sqlState);
}
