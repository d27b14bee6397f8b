using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Widget;

/// <summary>The widget's browser tests share one Chromium and run one after another, so their timing stays steady on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
