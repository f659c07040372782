#pragma once

#include <QFuture>
#include <QPromise>
#include <QThreadPool>
#include <memory>
#include <type_traits>

namespace RelayDesk::Ui {

/// Runs `function` on the global thread pool and returns its future, for a
/// QFutureWatcher on the GUI thread (QtCore only, so relaydesk_ui needs no
/// Qt Concurrent). The worker only touches the promise, so the widget that
/// waits for the result may go away first.
template <typename Function>
auto runInBackground(Function function) -> QFuture<std::invoke_result_t<Function>>
{
    using Result = std::invoke_result_t<Function>;
    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, function = std::move(function)]() mutable {
        promise->addResult(function());
        promise->finish();
    });
    return future;
}

} // namespace RelayDesk::Ui
