using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Support.UI;

namespace Bot.IntegrationTests.Dashboard;

/// <summary>
/// Debian's Chromium driven through its chromedriver (both from apt; .ci/run installs them). Missing binaries fail the
/// test with the package names: browser tests are never skipped. Each browser has a fresh profile that is deleted after.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private const string Browser = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";

    private readonly string _profile = Directory.CreateTempSubdirectory("cb-chromium-").FullName;

    public HeadlessChromium(int width = 1200, int height = 900)
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            throw new InvalidOperationException($"{Browser} and {Driver} are needed: apt-get install -y chromium chromium-driver");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={_profile}", $"--window-size={width},{height}");
        if (width < 500)
        {
            // A desktop window has a minimum width; a phone's viewport is emulated instead.
            options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings { Width = width, Height = height, PixelRatio = 1, EnableTouchEvents = true, UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile" });
        }

        Web = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public IWebDriver Web { get; }

    public void Open(string url) => Web.Navigate().GoToUrl(url);

    public IWebElement Find(string css) => Web.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => Web.FindElements(By.CssSelector(css));

    public T WaitUntil<T>(Func<IWebDriver, T> condition) =>
        new WebDriverWait(Web, TimeSpan.FromSeconds(20)).Until(condition);

    /// <summary>Saves the whole page as a PNG when <c>DASHBOARD_SCREENSHOTS</c> names a folder (how docs/dashboard's pictures are made).</summary>
    public void ScreenshotFor(string name)
    {
        if (Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            ((ITakesScreenshot)Web).GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
        }
    }

    public void Dispose()
    {
        Web.Quit();
        Web.Dispose();
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
