#pragma once

#include "Clock.h"

namespace RelayDesk::Queue {

/// A clock that only moves when told to: for tests of retry, expiry and
/// scheduling, and for replaying a queue at a chosen time.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC))
        : m_now(std::move(start))
    {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime& now) { m_now = now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

} // namespace RelayDesk::Queue
