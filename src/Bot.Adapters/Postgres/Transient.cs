using System.Net.Sockets;
using Npgsql;

namespace Bot.Adapters.Postgres;

/// <summary>
/// Which database failures pass by themselves, so the work is tried again rather than given up: the connection
/// failing or refused, the server shutting down (57P01/57P02/57P03), too many connections (53300), serialization
/// and deadlock (40001/40P01), a lock or statement timeout (55P03/57014), connection exceptions (class 08).
/// </summary>
public static class Transient
{
    private static readonly HashSet<string> States = ["57P01", "57P02", "57P03", "53300", "40001", "40P01", "55P03", "57014"];

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return States.Contains(postgres.SqlState) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SocketException or IOException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Two transactions in each other's way (serialization failure 40001, deadlock 40P01): the server is up and the
    /// work can run again at once; it is not an outage.
    /// </summary>
    public static bool IsConflict(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres.SqlState is "40001" or "40P01";
            }
        }

        return false;
    }
}
