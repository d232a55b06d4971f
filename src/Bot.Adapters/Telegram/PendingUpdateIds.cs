using System.Text.Json.Serialization;
using Telegram.Bot.Requests;

namespace Bot.Adapters.Telegram;

/// <summary>
/// <c>getUpdates</c> read for the update ids alone: finds the id of an update that Telegram.Bot cannot parse
/// whole, so that exactly that update can be skipped. Does not confirm anything before <see cref="Offset"/>'s own.
/// </summary>
public sealed class PendingUpdateIds() : RequestBase<PendingUpdateIds.Pending[]>("getUpdates")
{
    [JsonPropertyName("offset")]
    public int? Offset { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; } = 1;

    public sealed class Pending
    {
        [JsonPropertyName("update_id")]
        public int Id { get; init; }
    }
}
