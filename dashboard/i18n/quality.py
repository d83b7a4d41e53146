"""Vietnamese (default) and English labels of the quality page: medians,
thresholds, operators side by side and the evidence (merged into
:data:`dashboard.i18n.LABELS`)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "page_quality": {"vi": "Chất lượng", "en": "Quality"},
    "quality_title": {"vi": "Chất lượng Internet theo xã, phường", "en": "Internet quality by commune"},
    "median_by_month": {"vi": "Tính theo tháng (như VNNIC)", "en": "Per calendar month (as VNNIC)"},
    "metric": {"vi": "Chỉ số", "en": "Metric"},
    "metric_download_mbps": {"vi": "Tải xuống", "en": "Download"},
    "metric_upload_mbps": {"vi": "Tải lên", "en": "Upload"},
    "metric_latency_ms": {"vi": "Độ trễ", "en": "Latency"},
    "metric_share_under": {"vi": "Dưới ngưỡng", "en": "Under threshold"},
    "median_of_download_mbps": {"vi": "Trung vị tải xuống (Mbps)", "en": "Median download (Mbps)"},
    "median_of_upload_mbps": {"vi": "Trung vị tải lên (Mbps)", "en": "Median upload (Mbps)"},
    "median_of_latency_ms": {"vi": "Trung vị độ trễ (ms)", "en": "Median latency (ms)"},
    "median_of_share_under": {
        "vi": "Tỷ lệ lượt đo tải xuống dưới ngưỡng",
        "en": "Share of downloads under the threshold",
    },
    "threshold_mbps": {"vi": "Ngưỡng (Mbps)", "en": "Threshold (Mbps)"},
    "threshold_ms": {"vi": "Ngưỡng (ms)", "en": "Threshold (ms)"},
    "quality_settings": {"vi": "Cài đặt bản đồ", "en": "Map settings"},
    "show_hexagons": {
        "vi": "Lớp lục giác H3 (tổng hợp, ẩn ô ít lượt đo)",
        "en": "H3 hexagon layer (aggregates; sparse cells hidden)",
    },
    "hexagon_cell": {"vi": "Ô lục giác H3", "en": "H3 hexagon"},
    "hexagon_resolution": {"vi": "Độ phân giải H3", "en": "H3 resolution"},
    "hexagon_min_tests": {"vi": "Ẩn ô có ít hơn (lượt đo)", "en": "Hide cells with fewer tests than"},
    "province_median": {"vi": "Trung vị toàn tỉnh", "en": "Province median"},
    "col_samples": {"vi": "Số mẫu", "en": "Samples"},
    "col_ci95": {"vi": "Khoảng tin cậy 95%", "en": "95% interval"},
    "col_p10_p90": {"vi": "P10–P90", "en": "P10–P90"},
    "col_share_under": {"vi": "Dưới ngưỡng", "en": "Under the threshold"},
    "not_enough_samples": {"vi": "Chưa đủ mẫu", "en": "Not enough samples"},
    "operator_comparison": {"vi": "So sánh nhà mạng", "en": "Operators side by side"},
    "where": {"vi": "Phạm vi", "en": "Where"},
    "whole_province": {"vi": "Toàn tỉnh", "en": "Whole province"},
    "operator_note": {
        "vi": "Trung vị, khoảng tin cậy 95% (thống kê thứ tự), phân vị 10 và 90; số mẫu ở mỗi dòng.",
        "en": "Median, 95% interval (order statistics), 10th and 90th percentiles; sample count on every row.",
    },
    "below_threshold_title": {
        "vi": "Xã có trung vị tải xuống dưới {threshold} Mbps ({category})",
        "en": "Communes with median download under {threshold} Mbps ({category})",
    },
    "evidence_min_samples": {
        "vi": "Chỉ xét xã có ít nhất (mẫu của nhà mạng)",
        "en": "Only communes with at least (operator's samples)",
    },
    "none_below": {
        "vi": "Không có xã nào dưới ngưỡng với đủ mẫu.",
        "en": "No commune under the threshold with enough samples.",
    },
    "evidence_title": {
        "vi": "Xã có trung vị tải xuống {category} của {operator} dưới {threshold} Mbps — {period}",
        "en": "Communes where {operator}'s median {category} download is under {threshold} Mbps — {period}",
    },
    "download_evidence": {"vi": "Tải bảng bằng chứng (XLSX)", "en": "Download the evidence (XLSX)"},
    "monthly_trend": {"vi": "Diễn biến trung vị theo tháng", "en": "Monthly medians"},
    "trend_note": {
        "vi": "Bảng dưới: số mẫu mỗi tháng của từng nhà mạng.",
        "en": "Below: samples per month and operator.",
    },
    "verdict_clearly": {"vi": "Chắc chắn dưới ngưỡng", "en": "Clearly under"},
    "verdict_probably": {"vi": "Có thể dưới ngưỡng", "en": "Probably under"},
    "col_verdict": {"vi": "Kết luận (khoảng tin cậy 95%)", "en": "Verdict (95% interval)"},
}
