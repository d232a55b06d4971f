using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot.Requests;
using Telegram.Bot.Types.Enums;

namespace Bot.Adapters.Telegram;

/// <summary>
/// <c>getUpdates</c> with the result left as raw JSON elements, so each update is read on its own: one that
/// Telegram.Bot cannot read is set aside without spoiling the batch it came in.
/// </summary>
public sealed class RawUpdates() : RequestBase<JsonElement[]>("getUpdates")
{
    [JsonPropertyName("offset")]
    public int? Offset { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; }

    [JsonPropertyName("timeout")]
    public int Timeout { get; init; }

    [JsonPropertyName("allowed_updates")]
    public IEnumerable<UpdateType>? AllowedUpdates { get; init; }
}
