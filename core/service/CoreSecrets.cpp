#include "CoreSecrets.h"

#include "auth/CredentialResolver.h"

#include <algorithm>

namespace RelayDesk::Service {

namespace {

const Smtp::ListenerSettings* findListener(const CoreSettings& settings, const QString& name)
{
    const auto it =
        std::find_if(settings.listeners.cbegin(), settings.listeners.cend(),
                     [&name](const Smtp::ListenerSettings& l) { return l.name == name; });
    return it == settings.listeners.cend() ? nullptr : &*it;
}

/// Steps through `todo`; each resolver callback holds the next step.
void resolveNext(Auth::CredentialResolver* resolver, std::shared_ptr<CoreSettings> settings,
                 std::shared_ptr<QList<CoreSecret>> todo,
                 std::function<void(const QString& error)> done)
{
    if (todo->isEmpty()) {
        done(QString());
        return;
    }
    const CoreSecret secret = todo->takeFirst();
    resolver->resolve(secret.reference, [resolver, settings, todo, done = std::move(done),
                                         secret](const Auth::CredentialResult& result) mutable {
        if (!result.ok()) {
            done(QStringLiteral("%1 (%2): %3")
                     .arg(secret.describe(), secret.reference.toString(), result.error));
            return;
        }
        secret.put(settings.get(), result.secret);
        resolveNext(resolver, std::move(settings), std::move(todo), std::move(done));
    });
}

} // namespace

QString CoreSecret::describe() const
{
    if (kind == Kind::KeyPassphrase)
        return QStringLiteral("TLS key passphrase of listener %1").arg(name);
    return name.isEmpty() ? QStringLiteral("smarthost password")
                          : QStringLiteral("password of smarthost %1").arg(name);
}

void CoreSecret::put(CoreSettings* settings, const QString& secret) const
{
    if (kind == Kind::KeyPassphrase) {
        for (Smtp::ListenerSettings& listener : settings->listeners) {
            if (listener.name == name)
                listener.keyPassphrase = secret.toUtf8();
        }
    } else if (name.isEmpty()) {
        settings->smarthost.password = secret;
    } else {
        settings->namedSmarthosts[name].password = secret;
    }
}

QList<CoreSecret> secretsToResolve(CoreSettings* next, const CoreSettings* current)
{
    QList<CoreSecret> todo;
    using Kind = CoreSecret::Kind;
    if (!next->smarthostPasswordRef.isNull()) {
        if (current && next->smarthostPasswordRef == current->smarthostPasswordRef)
            next->smarthost.password = current->smarthost.password;
        else
            todo.append({Kind::SmarthostPassword, QString(), next->smarthostPasswordRef});
    }
    for (auto it = next->namedPasswordRefs.cbegin(); it != next->namedPasswordRefs.cend(); ++it) {
        if (current && current->namedPasswordRefs.value(it.key()) == it.value() &&
            current->namedSmarthosts.contains(it.key()))
            next->namedSmarthosts[it.key()].password =
                current->namedSmarthosts.value(it.key()).password;
        else
            todo.append({Kind::SmarthostPassword, it.key(), it.value()});
    }
    for (auto it = next->keyPassphraseRefs.cbegin(); it != next->keyPassphraseRefs.cend(); ++it) {
        if (!findListener(*next, it.key()))
            continue; // a reference left over from a removed listener
        const Smtp::ListenerSettings* old = current ? findListener(*current, it.key()) : nullptr;
        if (old && current->keyPassphraseRefs.value(it.key()) == it.value())
            CoreSecret{Kind::KeyPassphrase, it.key(), it.value()}.put(
                next, QString::fromUtf8(old->keyPassphrase));
        else
            todo.append({Kind::KeyPassphrase, it.key(), it.value()});
    }
    return todo;
}

void resolveSecrets(Auth::CredentialResolver* resolver, std::shared_ptr<CoreSettings> settings,
                    QList<CoreSecret> todo, std::function<void(const QString& error)> done)
{
    resolveNext(resolver, std::move(settings), std::make_shared<QList<CoreSecret>>(std::move(todo)),
                std::move(done));
}

} // namespace RelayDesk::Service
