using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Bot.IntegrationTests.Dashboard;

/// <summary>
/// A real headless Chromium (<see cref="ChromiumBinary"/>) driven over the DevTools protocol: pages are opened, clicked
/// with the mouse and typed into as a person does, and read through the DOM. Each browser has a fresh profile that is
/// deleted after. Nothing is skipped: a browser that cannot start fails the test, saying why.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private Task _reading = Task.CompletedTask;
    private int _lastId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>A browser whose page is <paramref name="width"/>×<paramref name="height"/>; under 500 wide it is a phone (touch, mobile viewport).</summary>
    public static async Task<HeadlessChromium> StartAsync(int width = 1200, int height = 900)
    {
        var binary = await ChromiumBinary.LocateAsync();
        var profile = Directory.CreateTempSubdirectory("cb-chromium-").FullName;
        var start = new ProcessStartInfo(binary.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--no-zygote", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--remote-debugging-port=0", $"--user-data-dir={profile}", $"--window-size={Math.Max(width, 500)},{height}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in binary.Environment)
        {
            start.Environment[name] = value;
        }

        var log = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary.Path} did not start");
        process.ErrorDataReceived += (_, e) => Remember(log, e.Data);
        process.OutputDataReceived += (_, e) => Remember(log, e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync(binary.Path, log);
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile = width < 500 });
            if (width < 500)
            {
                await browser.SendAsync("Emulation.setTouchEmulationEnabled", new { enabled = true, maxTouchPoints = 5 });
                await browser.SendAsync("Emulation.setUserAgentOverride", new { userAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile" });
            }

            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private static void Remember(ConcurrentQueue<string> log, string? line)
    {
        if (line is { Length: > 0 })
        {
            log.Enqueue(line);
            while (log.Count > 20 && log.TryDequeue(out _))
            {
            }
        }
    }

    /// <summary>Chromium writes its DevTools port into the profile; the first page target is the one driven.</summary>
    private async Task ConnectAsync(string path, ConcurrentQueue<string> log)
    {
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{path} did not open its DevTools port: {string.Join(" | ", log)}");
            }

            if (File.Exists(portFile) && (await File.ReadAllLinesAsync(portFile)) is [{ } port, ..] && port.Length > 0)
            {
                var targets = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/json/list");
                var page = targets.EnumerateArray().FirstOrDefault(t => t.GetProperty("type").GetString() == "page");
                if (page.ValueKind == JsonValueKind.Object)
                {
                    await _socket.ConnectAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!), CancellationToken.None);
                    _reading = Task.Run(ReadAsync);
                    return;
                }
            }

            await Task.Delay(100);
        }
    }

    /// <summary>One DevTools command; its result, or the protocol's error as an exception.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }

        var reply = await answer.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return reply.TryGetProperty("error", out var error)
            ? throw new DevToolsException($"{method}: {error.GetProperty("message").GetString()}")
            : reply.GetProperty("result");
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                // Events (no id) are not listened to: pages are read by polling the DOM.
                if (document.RootElement.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var answer))
                {
                    answer.TrySetResult(document.RootElement.Clone());
                }
            }
        }
        catch (WebSocketException)
        {
            // The browser went away; whatever waits is failed below.
        }

        foreach (var answer in _pending.Values)
        {
            answer.TrySetException(new DevToolsException("the browser closed its DevTools connection"));
        }
    }

    /// <summary>The value of a JavaScript expression in the page (awaited if it is a promise).</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var thrown))
        {
            throw new DevToolsException($"{expression}: {thrown.GetProperty("exception").GetProperty("description").GetString()}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    public async Task<string> UrlAsync() => (await EvaluateAsync("location.href")).GetString()!;

    /// <summary>Opens <paramref name="url"/> and waits until the new page has loaded.</summary>
    public Task OpenAsync(string url) => ReplacingPageAsync(async () =>
    {
        if ((await SendAsync("Page.navigate", new { url })).TryGetProperty("errorText", out var error))
        {
            throw new DevToolsException($"{url} did not open: {error.GetString()}");
        }
    });

    /// <summary>Clicks the middle of the first element matching <paramref name="css"/> with the mouse and waits for the page it leads to.</summary>
    public Task ClickAsync(string css) => ReplacingPageAsync(async () =>
    {
        var point = await EvaluateAsync(
            $"(() => {{ const e = document.querySelector({Js(css)}); if (!e) return null; e.scrollIntoView({{ block: 'center' }}); " +
            "const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()");
        if (point.ValueKind != JsonValueKind.Object)
        {
            throw new DevToolsException($"nothing on {await UrlAsync()} matches {css}");
        }

        var (x, y) = (point.GetProperty("x").GetDouble(), point.GetProperty("y").GetDouble());
        await SendAsync("Input.dispatchMouseEvent", new { type = "mouseMoved", x, y });
        await SendAsync("Input.dispatchMouseEvent", new { type = "mousePressed", x, y, button = "left", clickCount = 1 });
        await SendAsync("Input.dispatchMouseEvent", new { type = "mouseReleased", x, y, button = "left", clickCount = 1 });
    });

    /// <summary>Focuses the field matching <paramref name="css"/> and types <paramref name="text"/> into it.</summary>
    public async Task TypeAsync(string css, string text)
    {
        if (!(await EvaluateAsync($"(() => {{ const e = document.querySelector({Js(css)}); if (!e) return false; e.focus(); return true; }})()")).GetBoolean())
        {
            throw new DevToolsException($"nothing on {await UrlAsync()} matches {css}");
        }

        await SendAsync("Input.insertText", new { text });
    }

    /// <summary>The visible text of the first element matching <paramref name="css"/>, once there is one.</summary>
    public async Task<string> TextAsync(string css)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var text = await EvaluateAsync($"document.querySelector({Js(css)})?.innerText ?? null");
            if (text.ValueKind == JsonValueKind.String)
            {
                return text.GetString()!;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"nothing on {await UrlAsync()} matched {css} within {Patience.TotalSeconds} s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The visible texts of every element matching <paramref name="css"/> (none: empty).</summary>
    public async Task<IReadOnlyList<string>> TextsAsync(string css) =>
        [.. (await EvaluateAsync($"[...document.querySelectorAll({Js(css)})].map(e => e.innerText)")).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Waits (20 s at most) until the page's URL ends with <paramref name="suffix"/>.</summary>
    public async Task WaitForUrlAsync(string suffix)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!(await UrlAsync()).EndsWith(suffix, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the page is still {await UrlAsync()}, not …{suffix}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Saves the whole page as a PNG when <c>DASHBOARD_SCREENSHOTS</c> names a folder (how docs/dashboard's pictures are made).</summary>
    public async Task ScreenshotForAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            var shot = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true });
            await File.WriteAllBytesAsync(Path.Combine(folder, name + ".png"), shot.GetProperty("data").GetBytesFromBase64());
        }
    }

    /// <summary>
    /// Runs <paramref name="act"/>, which leads to another page, and returns once that page has loaded: the old document
    /// carries a mark, so a page that has not changed yet is never mistaken for the new one.
    /// </summary>
    private async Task ReplacingPageAsync(Func<Task> act)
    {
        await EvaluateAsync("window.__replaced = true");
        await act();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                if ((await EvaluateAsync("window.__replaced === undefined && document.readyState === 'complete'")).GetBoolean())
                {
                    return;
                }
            }
            catch (DevToolsException)
            {
                // Between two documents there is briefly nothing to evaluate in.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no new page loaded within {Patience.TotalSeconds} s (still {await UrlAsync()})");
            }

            await Task.Delay(50);
        }
    }

    private static string Js(string value) => JsonSerializer.Serialize(value);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reading;
        _socket.Dispose();
        _process.Dispose();
        _sending.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the temp folder is the system's to clean.
        }
    }
}

public sealed class DevToolsException(string message) : Exception(message);
