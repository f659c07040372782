#pragma once

#include "CredentialResult.h"

#include <QObject>
#include <QString>
#include <functional>

namespace RelayDesk::Auth {

/// Where secrets (the smarthost password, later OAuth tokens) are kept.
/// Requests are asynchronous: the callback runs later, from the event loop
/// of the thread the store lives in (never inside the call), and not at
/// all once the store is destroyed. Removing a missing entry succeeds.
class CredentialStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    using Callback = std::function<void(const CredentialResult&)>;

    ~CredentialStore() override = default;

    virtual void read(const QString& name, Callback done) = 0;
    virtual void write(const QString& name, const QString& secret, Callback done) = 0;
    virtual void remove(const QString& name, Callback done) = 0;

protected:
    explicit CredentialStore(QObject* parent = nullptr) : QObject(parent) {}
};

} // namespace RelayDesk::Auth
