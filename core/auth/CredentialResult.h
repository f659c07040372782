#pragma once

#include <QString>

namespace RelayDesk::Auth {

/// The outcome of one CredentialStore request.
struct CredentialResult
{
    enum class Status {
        Ok,
        NotFound,    ///< read: no secret under that name
        Unavailable, ///< the store cannot be used at all (no Secret Service, bad file)
        Failed,      ///< this request failed (access denied, write error, bad name)
    };

    Status status = Status::Failed;
    QString secret; ///< read: the secret; never log it
    QString error;  ///< for the admin: what went wrong and what to do

    bool ok() const { return status == Status::Ok; }
};

} // namespace RelayDesk::Auth
