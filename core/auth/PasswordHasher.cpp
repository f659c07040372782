#include "PasswordHasher.h"

#include <QRegularExpression>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace RelayDesk::Auth {

namespace {

constexpr int kSaltLength = 16;
constexpr int kHashLength = 32;
// Bounds for hashes read from disk: a tampered accounts file must not make
// verify() allocate gigabytes or spin for minutes.
constexpr int kMaxLogN = 20;
constexpr int kMaxR = 32;
constexpr int kMaxP = 16;
constexpr quint64 kMaxMemory = 512ULL * 1024 * 1024;

QByteArray toBase64(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> fromBase64(const QString& text)
{
    static const QRegularExpression alphabet(QStringLiteral("^[A-Za-z0-9+/]+$"));
    if (!alphabet.match(text).hasMatch())
        return std::nullopt;
    auto result = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    // Reject non-canonical encodings so one hash has exactly one spelling.
    if (toBase64(*result) != text.toLatin1())
        return std::nullopt;
    return *result;
}

quint64 memoryNeeded(int logN, int r, int p)
{
    // scrypt needs 128 * r * (N + p + 2) bytes; leave headroom for OpenSSL.
    return 128ULL * static_cast<quint64>(r) * ((1ULL << logN) + static_cast<quint64>(p) + 2) +
           1024 * 1024;
}

} // namespace

PasswordHasher::PasswordHasher() : m_parameters(Parameters{}) {}

QString PasswordHasher::hash(const QString& password) const
{
    QByteArray salt(kSaltLength, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), kSaltLength) != 1)
        return {};
    const QByteArray derived = derive(password.toUtf8(), salt, m_parameters, kHashLength);
    if (derived.isEmpty())
        return {};
    return QStringLiteral("$scrypt$ln=%1,r=%2,p=%3$%4$%5")
        .arg(m_parameters.logN)
        .arg(m_parameters.r)
        .arg(m_parameters.p)
        .arg(QString::fromLatin1(toBase64(salt)), QString::fromLatin1(toBase64(derived)));
}

QString PasswordHasher::unmatchableHash() const
{
    return QStringLiteral("$scrypt$ln=%1,r=%2,p=%3$%4$%5")
        .arg(m_parameters.logN)
        .arg(m_parameters.r)
        .arg(m_parameters.p)
        .arg(QString::fromLatin1(toBase64(QByteArray(kSaltLength, '\0'))),
             QString::fromLatin1(toBase64(QByteArray(kHashLength, '\0'))));
}

bool PasswordHasher::verify(const QString& password, const QString& stored)
{
    const auto decoded = decode(stored);
    if (!decoded)
        return false;
    const QByteArray derived = derive(password.toUtf8(), decoded->salt, decoded->parameters,
                                      static_cast<int>(decoded->hash.size()));
    if (derived.size() != decoded->hash.size())
        return false;
    return CRYPTO_memcmp(derived.constData(), decoded->hash.constData(),
                         static_cast<size_t>(derived.size())) == 0;
}

bool PasswordHasher::isWellFormed(const QString& stored)
{
    return decode(stored).has_value();
}

std::optional<PasswordHasher::Decoded> PasswordHasher::decode(const QString& stored)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^\\$scrypt\\$ln=([1-9][0-9]?),r=([1-9][0-9]?),p=([1-9][0-9]?)\\$([^$]+)\\$([^$]+)$"));
    const auto match = pattern.match(stored);
    if (!match.hasMatch())
        return std::nullopt;
    Decoded decoded;
    decoded.parameters.logN = match.captured(1).toInt();
    decoded.parameters.r = match.captured(2).toInt();
    decoded.parameters.p = match.captured(3).toInt();
    if (decoded.parameters.logN > kMaxLogN || decoded.parameters.r > kMaxR ||
        decoded.parameters.p > kMaxP ||
        memoryNeeded(decoded.parameters.logN, decoded.parameters.r, decoded.parameters.p) >
            kMaxMemory)
        return std::nullopt;
    const auto salt = fromBase64(match.captured(4));
    const auto hash = fromBase64(match.captured(5));
    if (!salt || !hash || salt->size() < 8 || salt->size() > 64 || hash->size() < 16 ||
        hash->size() > 64)
        return std::nullopt;
    decoded.salt = *salt;
    decoded.hash = *hash;
    return decoded;
}

QByteArray PasswordHasher::derive(const QByteArray& password, const QByteArray& salt,
                                  const Parameters& parameters, int length)
{
    if (parameters.logN < 1 || parameters.logN > kMaxLogN || parameters.r < 1 || parameters.p < 1)
        return {};
    QByteArray out(length, Qt::Uninitialized);
    const quint64 maxMemory = memoryNeeded(parameters.logN, parameters.r, parameters.p);
    const int ok = EVP_PBE_scrypt(
        password.constData(), static_cast<size_t>(password.size()),
        reinterpret_cast<const unsigned char*>(salt.constData()), static_cast<size_t>(salt.size()),
        1ULL << parameters.logN, static_cast<quint64>(parameters.r),
        static_cast<quint64>(parameters.p), maxMemory, reinterpret_cast<unsigned char*>(out.data()),
        static_cast<size_t>(length));
    if (ok != 1)
        return {};
    return out;
}

} // namespace RelayDesk::Auth
