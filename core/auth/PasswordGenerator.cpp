#include "PasswordGenerator.h"

#include <QByteArray>
#include <openssl/rand.h>

namespace RelayDesk::Auth {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
constexpr int kAlphabetSize = sizeof(kAlphabet) - 1;
// Bytes at or above this are rejected, so every symbol is equally likely.
constexpr int kRejectFrom = 256 - 256 % kAlphabetSize;
} // namespace

QString PasswordGenerator::alphabet()
{
    return QString::fromLatin1(kAlphabet);
}

QString PasswordGenerator::generate(int length)
{
    length = std::max(length, int(MinimumLength));
    QString password;
    password.reserve(length);
    QByteArray random(64, Qt::Uninitialized);
    while (password.size() < length) {
        if (RAND_bytes(reinterpret_cast<unsigned char*>(random.data()), int(random.size())) != 1)
            return {};
        for (const char byte : random) {
            const int value = static_cast<unsigned char>(byte);
            if (value >= kRejectFrom)
                continue;
            password += QLatin1Char(kAlphabet[value % kAlphabetSize]);
            if (password.size() == length)
                break;
        }
    }
    random.fill('\0');
    return password;
}

} // namespace RelayDesk::Auth
