using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>One call the bot made; <see cref="Held"/> calls were never answered (the bot was stopped meanwhile).</summary>
public sealed record ApiCall(string Method, string Token, JsonObject Parameters, DateTimeOffset At, bool Held = false, int? Refused = null)
{
    public string? Text(string name) => Parameters[name]?.GetValueKind() switch
    {
        JsonValueKind.String => Parameters[name]!.GetValue<string>(),
        null => null,
        _ => Parameters[name]!.ToJsonString(),
    };

    public long? Number(string name) => Text(name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// A loopback Bot API server that the real Telegram.Bot client talks to: it serves queued updates to
/// <c>getUpdates</c> (long polling, offsets confirming), answers every other method plausibly, records
/// every call, and can be told to fail the next call to a method (401, 429 with retry_after, 400).
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const string Token = "424242:TEST-fake-Secret_Token";

    private readonly Lock _gate = new();
    private readonly List<ApiCall> _calls = [];
    private readonly SortedDictionary<int, string> _updates = [];
    private readonly Dictionary<string, Queue<(int Code, string Description, int? RetryAfter)>> _failures = [];
    private readonly Dictionary<long, List<(long User, string Status)>> _admins = [];
    private readonly Dictionary<(long Chat, long User), string> _members = [];
    private readonly HashSet<long> _missingChats = [];
    private readonly Dictionary<long, int> _memberCounts = [];
    private readonly HashSet<long> _notStarted = [];
    private readonly List<(long Chat, int MessageId, string Text)> _sent = [];
    private readonly HashSet<string> _hold = [];
    private readonly List<(Func<ApiCall, bool> Match, Task Release)> _late = [];
    private readonly List<Func<ApiCall, bool>> _holdWhen = [];
    private readonly Dictionary<string, (string Path, byte[] Content)> _files = [];
    private readonly List<string> _downloads = [];
    private readonly WebApplication _app;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextMessageId = 1000;

    private FakeBotApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public bool StaffChatIsForum { get; set; }

    /// <summary>When set, messages to a group beyond this many in a minute are refused with 429 and <c>retry_after</c>, as Telegram does.</summary>
    public int? GroupMessagesPerMinute { get; set; }

    /// <summary>Messages the bot sent, with the ids the fake gave them (to reply to or press buttons under).</summary>
    public IReadOnlyList<(long Chat, int MessageId, string Text)> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    public IReadOnlyList<ApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<FakeBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotApi(app);
        app.MapPost("/bot{token}/{method}", fake.HandleAsync);
        app.MapGet("/file/bot{token}/{**path}", fake.DownloadAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>File paths the bot downloaded from <c>/file/bot&lt;token&gt;/…</c>.</summary>
    public IReadOnlyList<string> Downloads
    {
        get
        {
            lock (_gate)
            {
                return [.. _downloads];
            }
        }
    }

    /// <summary>A file the bot can fetch: <c>getFile</c> with <paramref name="fileId"/> names its path, the path serves the bytes.</summary>
    public void ServeFile(string fileId, byte[] content)
    {
        lock (_gate)
        {
            _files[fileId] = ($"documents/file_{_files.Count}.csv", content);
        }
    }

    public IReadOnlyList<ApiCall> CallsTo(string method) => [.. Calls.Where(c => c.Method.Equals(method, StringComparison.OrdinalIgnoreCase))];

    public void Enqueue(params JsonObject[] updates)
    {
        foreach (var update in updates)
        {
            EnqueueRaw(update["update_id"]!.GetValue<int>(), update.ToJsonString());
        }
    }

    /// <summary>Any JSON text as the update with this id (for updates the client cannot read).</summary>
    public void EnqueueRaw(int updateId, string json)
    {
        lock (_gate)
        {
            _updates[updateId] = json;
            Signal();
        }
    }

    public int PendingUpdates
    {
        get
        {
            lock (_gate)
            {
                return _updates.Count;
            }
        }
    }

    public void SetAdmins(long chat, params (long User, string Status)[] admins)
    {
        lock (_gate)
        {
            _admins[chat] = [.. admins];
        }
    }

    /// <summary>What <c>getChatMemberCount</c> answers for a chat (default: 0).</summary>
    public void SetMemberCount(long chat, int members)
    {
        lock (_gate)
        {
            _memberCounts[chat] = members;
        }
    }

    /// <summary>What <c>getChatMember</c> says of a user in a chat (default: "member").</summary>
    public void SetMember(long chat, long user, string status)
    {
        lock (_gate)
        {
            _members[(chat, user)] = status;
        }
    }

    /// <summary>A chat the bot is not in: <c>getChat</c> answers 400 "chat not found".</summary>
    public void MissingChat(long chat)
    {
        lock (_gate)
        {
            _missingChats.Add(chat);
        }
    }

    /// <summary>A user who never started the bot: messages to their private chat are refused with 403.</summary>
    public void NotStarted(long user)
    {
        lock (_gate)
        {
            _notStarted.Add(user);
        }
    }

    /// <summary>The user pressed Start in the bot's private chat: the bot may write to them from now on.</summary>
    public void Started(long user)
    {
        lock (_gate)
        {
            _notStarted.Remove(user);
        }
    }

    /// <summary>The next call to <paramref name="method"/> gets no answer, as if the bot died while waiting for it.</summary>
    public void HoldNext(string method)
    {
        lock (_gate)
        {
            _hold.Add(method);
        }
    }

    /// <summary>
    /// The next call matching <paramref name="match"/> takes effect at once (a sent message exists, with its id) but its
    /// answer reaches the bot only once <paramref name="release"/> ends, as when a response is slow on the way back.
    /// </summary>
    public void AnswerLate(Func<ApiCall, bool> match, Task release)
    {
        lock (_gate)
        {
            _late.Add((match, release));
        }
    }

    /// <summary>The first call matching <paramref name="match"/> gets no answer (the bot may die waiting for it).</summary>
    public void HoldWhen(Func<ApiCall, bool> match)
    {
        lock (_gate)
        {
            _holdWhen.Add(match);
        }
    }

    public void FailNext(string method, int code, string description, int? retryAfter = null)
    {
        lock (_gate)
        {
            if (!_failures.TryGetValue(method, out var queue))
            {
                queue = _failures[method] = new();
            }

            queue.Enqueue((code, description, retryAfter));
        }
    }

    /// <summary>Waits until the bot has made calls matching <paramref name="match"/> <paramref name="count"/> times.</summary>
    public async Task<IReadOnlyList<ApiCall>> WaitForAsync(string method, Func<ApiCall, bool>? match = null, int count = 1, double seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var found = _calls.Where(c => c.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && (match is null || match(c))).ToList();
                if (found.Count >= count)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The bot called {method} fewer than {count} times in {seconds} s; calls: {string.Join(", ", Calls.Select(c => c.Method))}");
            }
        }
    }

    /// <summary>Waits until getUpdates has confirmed (been asked past) every queued update.</summary>
    public async Task WaitUntilConfirmedAsync(double seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (PendingUpdates > 0)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            await changed.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void Signal()
    {
        var changed = _changed;
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private async Task HandleAsync(HttpContext http, string token, string method)
    {
        var parameters = await ReadParametersAsync(http.Request);
        (int Code, string Description, int? RetryAfter)? failure = null;
        bool held;
        lock (_gate)
        {
            var call = new ApiCall(method, token, parameters, DateTimeOffset.UtcNow);
            var holder = _holdWhen.FirstOrDefault(h => h(call));
            held = _hold.Remove(method) || (holder is not null && _holdWhen.Remove(holder));
            if (_failures.TryGetValue(method, out var queue) && queue.Count > 0)
            {
                failure = queue.Dequeue();
            }
            else if (Refusal(method, parameters) is { } refusal)
            {
                failure = refusal;
            }
            else if (OverGroupLimit(call) is { } wait)
            {
                failure = (429, $"Too Many Requests: retry after {wait}", wait);
            }

            _calls.Add(call with { Held = held, Refused = failure?.Code });

            Signal();
        }

        if (held)
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            http.Abort();
            return;
        }

        if (token != Token)
        {
            await WriteAsync(http, 401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""");
            return;
        }

        if (failure is { } f)
        {
            var error = new JsonObject { ["ok"] = false, ["error_code"] = f.Code, ["description"] = f.Description };
            if (f.RetryAfter is { } retry)
            {
                error["parameters"] = new JsonObject { ["retry_after"] = retry };
            }

            await WriteAsync(http, f.Code, error.ToJsonString());
            return;
        }

        if (method.Equals("getUpdates", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(http, 200, $$"""{"ok":true,"result":[{{await UpdatesAsync(parameters, http.RequestAborted)}}]}""");
            return;
        }

        var answer = new JsonObject { ["ok"] = true, ["result"] = Result(method, parameters) }.ToJsonString();
        Task? release = null;
        lock (_gate)
        {
            var call = new ApiCall(method, token, parameters, DateTimeOffset.UtcNow);
            if (_late.FindIndex(l => l.Match(call)) is var late and >= 0)
            {
                release = _late[late].Release;
                _late.RemoveAt(late);
            }
        }

        if (release is not null)
        {
            await release.WaitAsync(http.RequestAborted);
        }

        await WriteAsync(http, 200, answer);
    }

    private async Task DownloadAsync(HttpContext http, string token, string path)
    {
        byte[]? content;
        lock (_gate)
        {
            _downloads.Add(path);
            content = token == Token ? _files.Values.FirstOrDefault(f => f.Path == path).Content : null;
            Signal();
        }

        if (content is null)
        {
            http.Response.StatusCode = token == Token ? 404 : 401;
            return;
        }

        http.Response.ContentType = "application/octet-stream";
        await http.Response.Body.WriteAsync(content);
    }

    private async Task<string> UpdatesAsync(JsonObject parameters, CancellationToken ct)
    {
        var call = new ApiCall("getUpdates", Token, parameters, DateTimeOffset.UtcNow);
        var offset = call.Number("offset") ?? 0;
        var limit = (int)(call.Number("limit") ?? 100);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Min(call.Number("timeout") ?? 0, 2));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                // Asking from an offset confirms every update before it: Telegram forgets them.
                foreach (var confirmed in _updates.Keys.Where(id => id < offset).ToList())
                {
                    _updates.Remove(confirmed);
                    Signal();
                }

                var batch = _updates.Take(limit).Select(u => u.Value).ToList();
                if (batch.Count > 0 || DateTimeOffset.UtcNow >= deadline)
                {
                    return string.Join(',', batch);
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline - DateTimeOffset.UtcNow, ct);
            }
            catch (TimeoutException)
            {
                // Long poll over: answer with what there is (nothing).
            }
        }
    }

    /// <summary>Seconds until a message to this group fits in <see cref="GroupMessagesPerMinute"/>; null when it fits now.</summary>
    private int? OverGroupLimit(ApiCall call)
    {
        if (GroupMessagesPerMinute is not { } limit || call.Method != "sendMessage" || call.Number("chat_id") is not { } chat || chat >= 0)
        {
            return null;
        }

        var recent = _calls.Where(c => c.Method == "sendMessage" && c.Refused is null && c.Number("chat_id") == chat && call.At - c.At < TimeSpan.FromMinutes(1))
            .Select(c => c.At).Order().ToList();
        return recent.Count < limit ? null : (int)Math.Ceiling((recent[^limit] + TimeSpan.FromMinutes(1) - call.At).TotalSeconds);
    }

    /// <summary>What Telegram refuses on its own: a chat the bot is not in, a private chat with someone who never started it.</summary>
    private (int Code, string Description, int? RetryAfter)? Refusal(string method, JsonObject parameters)
    {
        var call = new ApiCall(method, Token, parameters, DateTimeOffset.UtcNow);
        var chat = long.TryParse(call.Text("chat_id"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : 0;
        return method switch
        {
            "getChat" or "getChatMember" when _missingChats.Contains(chat) => (400, "Bad Request: chat not found", null),
            "sendMessage" or "sendDocument" when _notStarted.Contains(chat) => (403, "Forbidden: bot can't initiate conversation with a user", null),
            _ => null,
        };
    }

    private JsonNode? Result(string method, JsonObject parameters)
    {
        var call = new ApiCall(method, Token, parameters, DateTimeOffset.UtcNow);
        var chat = call.Number("chat_id") ?? 0;
        switch (method)
        {
            case "getMe":
                return TelegramJson.User(TelegramJson.BotId, "Community Bot", TelegramJson.BotUsername)
                    .Also(u => u["is_bot"] = true);
            case "sendMessage" or "sendDocument" or "editMessageText":
                var id = method == "editMessageText" ? (int)call.Number("message_id")! : Interlocked.Increment(ref _nextMessageId);
                var message = new JsonObject
                {
                    ["message_id"] = id,
                    ["date"] = TelegramJson.Epoch,
                    ["chat"] = TelegramJson.Chat(chat),
                    ["from"] = TelegramJson.User(TelegramJson.BotId, "Community Bot", TelegramJson.BotUsername).Also(u => u["is_bot"] = true),
                    ["text"] = call.Text("text") ?? call.Text("caption") ?? string.Empty,
                };
                if (call.Number("message_thread_id") is { } thread)
                {
                    message["message_thread_id"] = thread;
                    message["is_topic_message"] = true;
                }

                lock (_gate)
                {
                    _sent.Add((chat, id, message["text"]!.GetValue<string>()));
                }

                return message;
            case "getChatAdministrators":
                lock (_gate)
                {
                    return new JsonArray([.. _admins.GetValueOrDefault(chat, []).Select(a => (JsonNode)Administrator(a.User, a.Status))]);
                }

            case "getChatMember":
                lock (_gate)
                {
                    var user = call.Number("user_id") ?? 0;
                    var status = _members.GetValueOrDefault((chat, user))
                        ?? _admins.GetValueOrDefault(chat, []).Where(a => a.User == user).Select(a => a.Status).FirstOrDefault() ?? "member";
                    return status == "administrator" ? Administrator(user, status) : TelegramJson.Member(status, TelegramJson.User(user, "Member"));
                }

            case "getChatMemberCount":
                lock (_gate)
                {
                    return _memberCounts.GetValueOrDefault(chat);
                }

            case "createChatInviteLink":
                return new JsonObject
                {
                    ["invite_link"] = "https://t.me/+link" + Interlocked.Increment(ref _nextMessageId).ToString(CultureInfo.InvariantCulture),
                    ["creator"] = TelegramJson.User(TelegramJson.BotId, "Community Bot", TelegramJson.BotUsername),
                    ["creates_join_request"] = false,
                    ["is_primary"] = false,
                    ["is_revoked"] = false,
                    ["name"] = call.Text("name"),
                };
            case "getChat":
                return new JsonObject
                {
                    ["id"] = chat,
                    ["type"] = chat < 0 ? "supergroup" : "private",
                    ["title"] = "Chat " + chat.ToString(CultureInfo.InvariantCulture),
                    ["is_forum"] = StaffChatIsForum,
                    ["accent_color_id"] = 0,
                    ["max_reaction_count"] = 11,
                    ["accepted_gift_types"] = new JsonObject
                    {
                        ["unlimited_gifts"] = false, ["limited_gifts"] = false, ["unique_gifts"] = false, ["premium_subscription"] = false,
                    },
                };
            case "getFile":
                lock (_gate)
                {
                    var fileId = call.Text("file_id") ?? string.Empty;
                    if (!_files.TryGetValue(fileId, out var file))
                    {
                        return null;
                    }

                    return new JsonObject
                    {
                        ["file_id"] = fileId, ["file_unique_id"] = "u-" + fileId, ["file_size"] = file.Content.Length, ["file_path"] = file.Path,
                    };
                }

            case "createForumTopic":
                return new JsonObject { ["message_thread_id"] = Interlocked.Increment(ref _nextMessageId), ["name"] = call.Text("name"), ["icon_color"] = 7322096 };
            default:
                return true;
        }
    }

    private static JsonObject Administrator(long user, string status)
    {
        var member = TelegramJson.Member(status, TelegramJson.User(user, "Admin" + user.ToString(CultureInfo.InvariantCulture)));
        member["is_anonymous"] = false;
        if (status == "administrator")
        {
            foreach (var right in new[]
            {
                "can_be_edited", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
                "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
            })
            {
                member[right] = true;
            }
        }

        return member;
    }

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var fields = new JsonObject();
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                fields[file.Name] = "file:" + file.FileName;
            }

            return fields;
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        return string.IsNullOrWhiteSpace(body) ? [] : JsonNode.Parse(body) as JsonObject ?? [];
    }

    private static async Task WriteAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json);
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
