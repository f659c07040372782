#pragma once

#include "auth/CredentialStore.h"

#include <QTest>
#include <functional>
#include <optional>

namespace RelayDesk::Auth::Testing {

/// Starts one CredentialStore request and runs the event loop until its
/// callback has fired (nullopt on timeout). Also records whether the
/// callback ran synchronously, which the interface forbids.
struct AwaitCredential
{
    std::optional<CredentialResult> result;
    bool calledSynchronously = false;

    static AwaitCredential run(const std::function<void(CredentialStore::Callback)>& request,
                               int timeoutMs = 30000)
    {
        AwaitCredential outcome;
        bool returned = false;
        request([&outcome, &returned](const CredentialResult& result) {
            if (!returned)
                outcome.calledSynchronously = true;
            outcome.result = result;
        });
        returned = true;
        // On a timeout result stays empty, which every caller checks.
        const bool finished =
            QTest::qWaitFor([&outcome] { return outcome.result.has_value(); }, timeoutMs);
        Q_UNUSED(finished)
        return outcome;
    }
};

} // namespace RelayDesk::Auth::Testing
