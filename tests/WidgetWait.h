#pragma once

// Waiting for widgets in GUI tests.

#include <QDeadlineTimer>
#include <QString>
#include <QTest>
#include <QWidget>

namespace RelayDesk::Tests {

/// The first child of `parent` of type T (and object name `name`, when
/// given) as soon as it exists; nullptr after `timeoutMs`. Pages open their
/// dialogs with open() once the core has answered, so a dialog appears some
/// time after the click that asked for it.
template <typename T> T* waitForChild(QWidget* parent, int timeoutMs, const QString& name = {})
{
    T* found = nullptr;
    QDeadlineTimer deadline(timeoutMs);
    while (!(found = parent->findChild<T*>(name)) && !deadline.hasExpired())
        QTest::qWait(20);
    return found;
}

} // namespace RelayDesk::Tests
