#include "RequestLogPane.h"
#include "ui_RequestLogPane.h"

#include "ColumnFitter.h"
#include "RequestLog.h"
#include "RequestLogModel.h"
#include "SecretClipboard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>

RequestLogPane::RequestLogPane(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestLogPane>())
    , m_secretClipboard(new SecretClipboard(this))
{
    m_ui->setupUi(this);
    m_ui->table->verticalHeader()->hide();
    m_ui->table->setWordWrap(false);
    m_ui->table->horizontalHeader()->setStretchLastSection(true);
    m_ui->copyCurlButton->setEnabled(false);
    connect(m_ui->copyCurlButton, &QPushButton::clicked, this, &RequestLogPane::copySelectedAsCurl);
    connect(m_ui->table, &QTableView::doubleClicked, this, &RequestLogPane::copySelectedAsCurl);
}

RequestLogPane::~RequestLogPane() = default;

void RequestLogPane::setSecretClipboard(SecretClipboard* clipboard)
{
    m_secretClipboard = clipboard;
}

void RequestLogPane::setLog(RequestLog* log)
{
    m_model = new RequestLogModel(log, this);
    m_ui->table->setModel(m_model);
    m_ui->table->horizontalHeader()->setSectionResizeMode(RequestLogModel::PathColumn, QHeaderView::Stretch);
    new ColumnFitter(m_ui->table, RequestLogModel::DomainColumn);
    connect(m_ui->table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_ui->copyCurlButton->setEnabled(m_ui->table->selectionModel()->hasSelection()); });
    connect(m_ui->clearButton, &QPushButton::clicked, log, &RequestLog::clear);
    // A reset drops the selection without selectionChanged(), which would leave Copy enabled with nothing to copy.
    connect(m_model, &QAbstractItemModel::modelReset, m_ui->copyCurlButton,
        [this] { m_ui->copyCurlButton->setEnabled(false); });
    // Follow new calls unless the user scrolled away to read an older one.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_ui->table->selectionModel()->hasSelection())
            m_ui->table->scrollToBottom();
    });
}

QString RequestLogPane::curlFor(int row) const
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return {};
    return RequestLog::toCurl(m_model->log()->entry(row).request, m_ui->revealCheck->isChecked());
}

void RequestLogPane::copySelectedAsCurl()
{
    const QModelIndexList rows = m_ui->table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString curl = curlFor(rows.first().row());
    if (m_ui->revealCheck->isChecked()) {
        m_secretClipboard->copy(curl);
        emit copied(tr("Request copied as curl, with the API key.") + m_secretClipboard->clearNote());
    } else {
        QGuiApplication::clipboard()->setText(curl);
        emit copied(tr("Request copied as curl (API key and secrets redacted)."));
    }
    // Revealing is for one copy only.
    m_ui->revealCheck->setChecked(false);
}
