namespace Bot.Domain.Engagement;

/// <summary>Secret seeds for draws; tests supply fixed ones.</summary>
public interface ISeedSource
{
    byte[] NewSeed();
}

public sealed class CryptoSeedSource : ISeedSource
{
    public byte[] NewSeed() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
}
