using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Visco.Api.Auth;

/// <summary>
/// The JWT handler with a cache of validated tokens. A token seen for the first time gets every check of the base
/// handler (RFC 8725: pinned algorithms, signature by the exact <c>kid</c>, issuer, audience, lifetime); once it
/// passed, the same token (by its SHA-256) is accepted without verifying its signature again until its <c>exp</c>,
/// and for at most <see cref="MaxEntryAge"/> so that a signing key withdrawn by the authority stops being trusted
/// soon. Only successes are cached: a tampered token has another digest, and a failure is verified every time.
/// Each hit gets its own copy of the identity, so nothing a request adds to its principal reaches another request.
/// The cache is bounded (<see cref="MaxEntries"/>): when full, expired entries go first, then everything.
/// </summary>
internal sealed class CachingJsonWebTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    /// <summary>The longest a validated token is trusted without checking it again.</summary>
    public static readonly TimeSpan MaxEntryAge = TimeSpan.FromMinutes(5);

    /// <summary>The most tokens kept.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<TokenDigest, Entry> _validated = new();

    /// <summary>How many tokens are cached (for tests).</summary>
    public int Count => _validated.Count;

    /// <inheritdoc />
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaximumTokenSizeInBytes)
        {
            return await base.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        }

        var digest = TokenDigest.Of(token);
        var now = time.GetUtcNow().UtcDateTime;
        if (_validated.TryGetValue(digest, out var hit))
        {
            if (now < hit.TrustedUntil)
            {
                return hit.Copy();
            }

            _validated.TryRemove(digest, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (result.IsValid && result.SecurityToken is { } validated && result.ClaimsIdentity is { } identity)
        {
            var until = validated.ValidTo;
            var cap = now + MaxEntryAge;
            Remember(digest, new Entry(identity.Clone(), validated, result.TokenType, result.Issuer, until < cap ? until : cap), now);
        }

        return result;
    }

    private void Remember(TokenDigest digest, Entry entry, DateTime now)
    {
        if (entry.TrustedUntil <= now)
        {
            return;
        }

        if (_validated.Count >= MaxEntries)
        {
            foreach (var (key, value) in _validated)
            {
                if (value.TrustedUntil <= now)
                {
                    _validated.TryRemove(key, out _);
                }
            }

            if (_validated.Count >= MaxEntries)
            {
                _validated.Clear();
            }
        }

        _validated[digest] = entry;
    }

    /// <summary>A validated token: its identity (never handed out itself, only copies) and until when it is trusted.</summary>
    private sealed record Entry(ClaimsIdentity Identity, SecurityToken Token, string? TokenType, string? Issuer, DateTime TrustedUntil)
    {
        public TokenValidationResult Copy() => new()
        {
            IsValid = true,
            ClaimsIdentity = Identity.Clone(),
            SecurityToken = Token,
            TokenType = TokenType,
            Issuer = Issuer,
        };
    }

    /// <summary>The SHA-256 of a token's UTF-8 text.</summary>
    private readonly record struct TokenDigest(UInt128 Low, UInt128 High)
    {
        public static TokenDigest Of(string token)
        {
            Span<byte> hash = stackalloc byte[32];
            var length = Encoding.UTF8.GetMaxByteCount(token.Length);
            var rented = length <= 4096 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            try
            {
                Span<byte> utf8 = rented is null ? stackalloc byte[4096] : rented;
                var written = Encoding.UTF8.GetBytes(token, utf8);
                SHA256.HashData(utf8[..written], hash);
            }
            finally
            {
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                }
            }

            return new TokenDigest(
                System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash[16..]));
        }
    }
}
