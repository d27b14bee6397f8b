using System.Text.Json;
using Microsoft.Playwright;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Widget;

/// <summary>One browser tab with the widget: locators inside its shadow root and the customer's actions.</summary>
internal sealed class WidgetPage(IPage page)
{
    private const string Host = "[data-supporthub]";

    public IPage Page { get; } = page;

    public ILocator Launcher => In(".launcher");

    public ILocator Badge => In(".launcher .badge");

    public ILocator Panel => In(".panel");

    public ILocator PreChatForm => In("form.form");

    public ILocator FormError => In("form.form .error");

    public ILocator Subtitle => In(".subtitle");

    public ILocator Info => In(".status.info");

    public ILocator Typing => In(".typing");

    public ILocator Composer => In(".composer textarea");

    public ILocator EndButton => In(".header .text-button");

    /// <summary>Messages the server acknowledged (they carry their seq).</summary>
    public ILocator Messages => In(".log li[data-seq]");

    public ILocator Pending => In(".log li.pending");

    public ILocator ReadMarker => In(".log li .read");

    public ILocator OfflineForm => In("form.offline-form");

    public ILocator LeftMessage => In(".left-message");

    public ILocator Csat => In("form.csat");

    public ILocator In(string css) => Page.Locator($"{Host} {css}");

    public ILocator Message(string text) => Messages.Filter(new LocatorFilterOptions { HasText = text });

    public Task WaitReadyAsync() =>
        Page.WaitForFunctionAsync("() => !!(window.SupportHub && window.SupportHub.version)", null,
            new PageWaitForFunctionOptions { Timeout = (float)BrowserFixture.Timeout.TotalMilliseconds });

    public async Task OpenAsync()
    {
        await Launcher.ClickAsync();
        await Assertions.Expect(Panel).ToBeVisibleAsync();
    }

    public ILocator NameField => In("input[name=name]");

    public ILocator EmailField => In("input[name=email]");

    public async Task StartChatAsync(string text, string? name = "Carla Customer", string? email = "carla@example.com", string topic = "billing")
    {
        await SubmitPreChatAsync(text, name, email, topic);
        await Assertions.Expect(Message(text)).ToHaveCountAsync(1);
    }

    /// <summary>Fills the pre-chat form (a null name or e-mail is left as it is) and sends it.</summary>
    public async Task SubmitPreChatAsync(string text, string? name = "Carla Customer", string? email = "carla@example.com", string topic = "billing")
    {
        if (name is not null)
        {
            await NameField.FillAsync(name);
        }

        if (email is not null)
        {
            await EmailField.FillAsync(email);
        }

        await In("[name=topic]").FillAsync(topic);
        await In("textarea[name=message]").FillAsync(text);
        await In("form.form button[type=submit]").ClickAsync();
    }

    /// <summary>What the host page calls when its user logs out.</summary>
    public Task ResetAsync() => Page.EvaluateAsync("() => window.SupportHub.reset()");

    /// <summary>The widget's localStorage keys (besides the sound setting, a device preference).</summary>
    public async Task<IReadOnlyList<string>> StoredKeysAsync() =>
        await Page.EvaluateAsync<string[]>("() => Object.keys(localStorage).filter(k => k.startsWith('supporthub:') && !k.endsWith(':sound'))");

    /// <summary>Types into the composer and presses Enter, as a customer does.</summary>
    public async Task SendAsync(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
    }

    /// <summary>The acknowledged messages as the page shows them, in page order.</summary>
    public async Task<IReadOnlyList<ShownMessage>> ShownAsync()
    {
        var json = await Page.EvaluateAsync<string>(
            """
            () => JSON.stringify(Array.from(document.querySelector('[data-supporthub]').shadowRoot.querySelectorAll('.log li[data-seq]'))
              .map(li => ({ seq: Number(li.dataset.seq), role: li.dataset.role, text: li.querySelector('.bubble').textContent })))
            """);
        return JsonSerializer.Deserialize<List<ShownMessage>>(json, HubServer.Json)!;
    }

    /// <summary>Computed style values of an element inside the shadow root.</summary>
    public async Task<Dictionary<string, string>> StyleOfAsync(string css, IEnumerable<string> properties)
    {
        var json = await Page.EvaluateAsync<string>(
            """
            ([css, props]) => {
              const el = document.querySelector('[data-supporthub]').shadowRoot.querySelector(css);
              const style = getComputedStyle(el);
              return JSON.stringify(Object.fromEntries(props.map(p => [p, style.getPropertyValue(p)])));
            }
            """,
            new object[] { css, properties.ToArray() });
        return JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
    }
}

internal sealed record ShownMessage(long Seq, string Role, string Text);
